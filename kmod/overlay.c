// SPDX-License-Identifier: GPL-2.0
/*
 * Networks across hosts, over the kernel's own VXLAN. A network has an
 * underlay on this host (a device and a local address) and knows its
 * other hosts; a vswitch of it given a vni becomes a segment: vnet makes a
 * VXLAN device with that VNI over the underlay, as Open vSwitch's datapath
 * makes its vxlan ports, with vxlan_dev_create(), and binds it to the
 * vswitch as its tunnel port. The device's own learning is off; its
 * all-zero FDB entries, one per host, are the flood list (head-end
 * replication), and the vswitch learns remote stations against the tunnel
 * port. A frame from the tunnel never goes back into it: the vswitch never
 * sends a frame out of the port it came in by.
 *
 * With vlan-filtering, a VLAN of the vswitch may have a VNI of its own
 * (the bridge's vlan_tunnel): one more VXLAN device, bound as a tunnel
 * port that is an access port of that VLAN, so its frames cross untagged
 * in their VNI and come back into their VLAN. A VLAN crosses in one VNI
 * only: the switch's own tunnel port is never a member of a VLAN with a
 * vni of its own. Every host floods to every other itself, and a frame
 * of one VLAN in two VNIs would arrive twice, and could be relayed from
 * one into the other and back.
 *
 * The vxlan module is found when the first segment is made, outside RTNL
 * (its init takes RTNL), so vnet.ko loads without it. Everything else runs
 * under RTNL.
 */
#include <linux/inetdevice.h>
#include <linux/kmod.h>
#include <net/addrconf.h>
#include <net/route.h>
#include <net/vxlan.h>
#include "vnet.h"

#define VNET_VXLAN_NAME		"vnetvx%u"	/* 14 characters at most: 24 bits */
/* What VXLAN adds to a frame: IP, UDP and VXLAN headers (and Ethernet's). */
#define VNET_VXLAN_OVERHEAD4	(20 + 8 + 8 + ETH_HLEN)
#define VNET_VXLAN_OVERHEAD6	(40 + 8 + 8 + ETH_HLEN)

static DEFINE_MUTEX(vnet_vxlan_lock);
typedef struct net_device *(*vnet_vxlan_create_t)(struct net *net,
						  const char *name,
						  u8 name_assign_type,
						  struct vxlan_config *conf);
static vnet_vxlan_create_t vnet_vxlan_create;

/*
 * Find vxlan_dev_create(), loading the vxlan module if need be; without
 * RTNL. Kept until vnet.ko unloads.
 */
void vnet_overlay_load(void)
{
	vnet_vxlan_create_t create;

	if (READ_ONCE(vnet_vxlan_create))
		return;
	mutex_lock(&vnet_vxlan_lock);
	if (!vnet_vxlan_create) {
		create = symbol_get(vxlan_dev_create);
		if (!create) {
			request_module("vxlan");
			create = symbol_get(vxlan_dev_create);
		}
		WRITE_ONCE(vnet_vxlan_create, create);
	}
	mutex_unlock(&vnet_vxlan_lock);
}

void vnet_overlay_exit(void)
{
	if (vnet_vxlan_create)
		symbol_put(vxlan_dev_create);
}

void vnet_overlay_free(struct vnet_network *nw)
{
	kfree(nw->overlay.hosts);
}

static bool vnet_ul_addr_eq(const struct vnet_ul_addr *a,
			    const struct vnet_ul_addr *b)
{
	if (a->family != b->family)
		return false;
	if (a->family == AF_INET)
		return a->ip4 == b->ip4;
	return ipv6_addr_equal(&a->ip6, &b->ip6);
}

/*
 * The address @tb carries as @attr4 or @attr6, in @a; an error if it has
 * neither, both, or one no unicast host can have.
 */
static int vnet_ul_addr_parse(struct nlattr **tb, int attr4, int attr6,
			      struct vnet_ul_addr *a,
			      struct netlink_ext_ack *extack)
{
	struct nlattr *at = tb[attr4] ?: tb[attr6];

	memset(a, 0, sizeof(*a));
	if (!at || (tb[attr4] && tb[attr6])) {
		NL_SET_ERR_MSG(extack, "one address is required, IPv4 or IPv6");
		return -EINVAL;
	}
	if (tb[attr4]) {
		a->family = AF_INET;
		a->ip4 = nla_get_in_addr(at);
		if (ipv4_is_zeronet(a->ip4) || ipv4_is_multicast(a->ip4) ||
		    ipv4_is_lbcast(a->ip4) || ipv4_is_loopback(a->ip4))
			goto bad;
		return 0;
	}
	a->family = AF_INET6;
	a->ip6 = nla_get_in6_addr(at);
	if (!(ipv6_addr_type(&a->ip6) & IPV6_ADDR_UNICAST) ||
	    ipv6_addr_loopback(&a->ip6) || ipv6_addr_v4mapped(&a->ip6) ||
	    (ipv6_addr_type(&a->ip6) & IPV6_ADDR_LINKLOCAL))
		goto bad;
	return 0;
bad:
	NL_SET_ERR_MSG_ATTR(extack, at,
			    "an underlay address is a unicast one, not loopback or link-local");
	return -EINVAL;
}

static bool vnet_ul_addr_is_ours(struct net *net, const struct vnet_ul_addr *a)
{
	if (a->family == AF_INET)
		return inet_addr_type(net, a->ip4) == RTN_LOCAL;
	return ipv6_chk_addr(net, &a->ip6, NULL, 0);
}

static void vnet_ul_addr_vxlan(const struct vnet_ul_addr *a,
			       union vxlan_addr *v)
{
	memset(v, 0, sizeof(*v));
	v->sa.sa_family = a->family;
	if (a->family == AF_INET)
		v->sin.sin_addr.s_addr = a->ip4;
	else
		v->sin6.sin6_addr = a->ip6;
}

/* Is @vd a segment of @nw: one of its devices, with a tunnel port? */
static bool vnet_segment_of(const struct vnet_dev *vd,
			    const struct vnet_network *nw)
{
	return vd->network == nw && vnet_is_segment(vd);
}

/*
 * Add (@add) or remove host @h in the flood list of a segment's VXLAN
 * device @vx: its all-zero entry, one destination per host, as "bridge fdb
 * append|del 00:00:00:00:00:00 dst HOST dev VX via UNDERLAY" writes it.
 */
static int vnet_overlay_flood(struct net_device *vx,
			      const struct vnet_ul_addr *h, bool add,
			      struct netlink_ext_ack *extack)
{
	const struct vxlan_dev *vxlan = netdev_priv(vx);
	const struct net_device_ops *ops = vx->netdev_ops;
	struct nlattr *tb[NDA_MAX + 1] = {};
	struct ndmsg ndm = {
		.ndm_family = AF_BRIDGE,
		.ndm_state = NUD_PERMANENT | NUD_NOARP,
		.ndm_flags = NTF_SELF,
	};
	struct {
		struct nlattr nla;
		struct in6_addr addr;
	} dst = {};
	struct {
		struct nlattr nla;
		u32 ifindex;
	} via = {
		.nla = { .nla_len = nla_attr_size(sizeof(u32)),
			 .nla_type = NDA_IFINDEX },
		.ifindex = vxlan->cfg.remote_ifindex,
	};
	/* vxlan hashes a MAC as 8 bytes (eth_hash()), as all_zeros_mac has. */
	static const u8 zero_mac[ETH_ALEN + 2] __aligned(2);
	size_t len = h->family == AF_INET ? sizeof(h->ip4) : sizeof(h->ip6);

	dst.nla.nla_type = NDA_DST;
	dst.nla.nla_len = nla_attr_size(len);
	memcpy(&dst.addr, h->family == AF_INET ? (const void *)&h->ip4 :
	       (const void *)&h->ip6, len);
	tb[NDA_DST] = &dst.nla;
	tb[NDA_IFINDEX] = &via.nla;
	if (add)
		return ops->ndo_fdb_add(&ndm, tb, vx, zero_mac, 0,
					NLM_F_CREATE | NLM_F_APPEND, extack);
	return ops->ndo_fdb_del(&ndm, tb, vx, zero_mac, 0, extack);
}

/*
 * Add (@add) or remove host @h in the flood lists of all of @vd's tunnel
 * ports. Adding is all or nothing.
 */
static int vnet_segment_flood(struct vnet_dev *vd, const struct vnet_ul_addr *h,
			      bool add, struct netlink_ext_ack *extack)
{
	struct vnet_port *port, *failed;
	int err;

	list_for_each_entry(port, &vd->ports, list) {
		if (!port->tunnel)
			continue;
		err = vnet_overlay_flood(port->lower, h, add, extack);
		if (err && add)
			goto undo;
	}
	return 0;

undo:
	failed = port;
	list_for_each_entry(port, &vd->ports, list) {
		if (port == failed)
			break;
		if (port->tunnel)
			vnet_overlay_flood(port->lower, h, false, NULL);
	}
	return err;
}

static int vnet_overlay_host_find(const struct vnet_overlay *ov,
				  const struct vnet_ul_addr *h)
{
	unsigned int i;

	for (i = 0; i < ov->nhosts; i++)
		if (vnet_ul_addr_eq(&ov->hosts[i], h))
			return i;
	return -1;
}

/* net-host-new's nest @tb: one more host for @nw's flood lists. */
int vnet_overlay_host_add(struct vnet_network *nw, struct nlattr **tb,
			  struct netlink_ext_ack *extack)
{
	struct vnet_overlay *ov = &nw->overlay;
	struct vnet_ul_addr h;
	struct vnet_dev *vd, *done;
	int err;

	err = vnet_ul_addr_parse(tb, VNET_NETWORK_HOST, VNET_NETWORK_HOST6,
				 &h, extack);
	if (err)
		return err;
	if (h.family != (ov->nhosts ? ov->hosts[0].family :
			 ov->local.family ?: h.family)) {
		NL_SET_ERR_MSG(extack,
			       "a host's address is of the family of the local one and the other hosts'");
		return -EAFNOSUPPORT;
	}
	/*
	 * Hosts named before the local address may include this one (one
	 * batch file for every host, but for local); once it is known,
	 * this host's addresses are refused.
	 */
	if (ov->local.family && vnet_ul_addr_is_ours(nw->net, &h)) {
		NL_SET_ERR_MSG(extack,
			       "the address is this host's own; add the other hosts");
		return -EINVAL;
	}
	if (vnet_overlay_host_find(ov, &h) >= 0) {
		NL_SET_ERR_MSG(extack, "the network has this host already");
		return -EEXIST;
	}
	if (ov->nhosts >= VNET_HOSTS_MAX) {
		NL_SET_ERR_MSG(extack, "the network has as many hosts as it can");
		return -ENOSPC;
	}
	if (!ov->hosts) {
		ov->hosts = kcalloc(VNET_HOSTS_MAX, sizeof(*ov->hosts),
				    GFP_KERNEL_ACCOUNT);
		if (!ov->hosts)
			return -ENOMEM;
	}
	list_for_each_entry(vd, &vnet_pernet(nw->net)->devices, list) {
		if (!vnet_segment_of(vd, nw))
			continue;
		err = vnet_segment_flood(vd, &h, true, extack);
		if (err)
			goto undo;
	}
	ov->hosts[ov->nhosts++] = h;
	return 0;

undo:
	done = vd;
	list_for_each_entry(vd, &vnet_pernet(nw->net)->devices, list) {
		if (vd == done)
			break;
		if (vnet_segment_of(vd, nw))
			vnet_segment_flood(vd, &h, false, NULL);
	}
	if (extack && !extack->_msg)
		NL_SET_ERR_MSG(extack, "cannot add the host to a segment's flood list");
	return err;
}

/* net-host-del's nest @tb: a host @nw's flood lists no longer name. */
int vnet_overlay_host_del(struct vnet_network *nw, struct nlattr **tb,
			  struct netlink_ext_ack *extack)
{
	struct vnet_overlay *ov = &nw->overlay;
	struct vnet_ul_addr h;
	struct vnet_dev *vd;
	int err, i;

	err = vnet_ul_addr_parse(tb, VNET_NETWORK_HOST, VNET_NETWORK_HOST6,
				 &h, extack);
	if (err)
		return err;
	i = vnet_overlay_host_find(ov, &h);
	if (i < 0) {
		NL_SET_ERR_MSG(extack, "the network has no such host");
		return -ENOENT;
	}
	/* The entry may be gone already ("bridge fdb del" on the device). */
	if (!vnet_ul_addr_eq(&h, &ov->local))
		list_for_each_entry(vd, &vnet_pernet(nw->net)->devices, list)
			if (vnet_segment_of(vd, nw))
				vnet_segment_flood(vd, &h, false, NULL);
	ov->hosts[i] = ov->hosts[--ov->nhosts];
	return 0;
}

static bool vnet_overlay_in_use(struct vnet_network *nw)
{
	struct vnet_dev *vd;

	list_for_each_entry(vd, &vnet_pernet(nw->net)->devices, list)
		if (vnet_segment_of(vd, nw))
			return true;
	return false;
}

/*
 * The device named as @ov's underlay, if it can be one: the host's own,
 * not a vnet or loopback device. Kept by name, as the device may come and
 * go (a segment's VXLAN device goes with it).
 */
static struct net_device *vnet_underlay_dev(struct net *net,
					    const struct vnet_overlay *ov,
					    struct nlattr *attr,
					    struct netlink_ext_ack *extack)
{
	struct net_device *dev = __dev_get_by_name(net, ov->underlay);

	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "no such underlay device");
		return NULL;
	}
	if (vnet_dev_is_ours(dev) || (dev->flags & IFF_LOOPBACK)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "the underlay is a device of the host's own network, not a vnet or loopback one");
		return NULL;
	}
	return dev;
}

/*
 * The underlay, local address and UDP port net-set (or net-new) asks of
 * @nw in @tb, checked, into @ov, for the caller to store in nw->overlay.
 * None changes under segments. Returns 1 when @tb asks for none of them.
 */
int vnet_overlay_check(struct vnet_network *nw, struct nlattr **tb,
		       struct vnet_overlay *ov, struct netlink_ext_ack *extack)
{
	unsigned int i;
	int err;

	if (!tb[VNET_NETWORK_UNDERLAY] && !tb[VNET_NETWORK_LOCAL] &&
	    !tb[VNET_NETWORK_LOCAL6] && !tb[VNET_NETWORK_VXLAN_PORT])
		return 1;
	if (vnet_overlay_in_use(nw)) {
		NL_SET_ERR_MSG(extack,
			       "segments of the network use its underlay: set their vni none first");
		return -EBUSY;
	}
	*ov = nw->overlay;
	if (tb[VNET_NETWORK_VXLAN_PORT])
		ov->port = nla_get_u16(tb[VNET_NETWORK_VXLAN_PORT]);
	if (tb[VNET_NETWORK_UNDERLAY] &&
	    !*(char *)nla_data(tb[VNET_NETWORK_UNDERLAY])) {
		/* An empty name: no underlay, and no hosts either. */
		if (tb[VNET_NETWORK_LOCAL] || tb[VNET_NETWORK_LOCAL6]) {
			NL_SET_ERR_MSG(extack, "no underlay, no local address");
			return -EINVAL;
		}
		memset(&ov->local, 0, sizeof(ov->local));
		ov->underlay[0] = 0;
		ov->nhosts = 0;
		return 0;
	}
	if (tb[VNET_NETWORK_UNDERLAY]) {
		nla_strscpy(ov->underlay, tb[VNET_NETWORK_UNDERLAY],
			    sizeof(ov->underlay));
		if (!vnet_underlay_dev(nw->net, ov, tb[VNET_NETWORK_UNDERLAY],
				       extack))
			return -ENODEV;
	} else if (!ov->underlay[0]) {
		NL_SET_ERR_MSG(extack, "the underlay device is required");
		return -EINVAL;
	}
	if (tb[VNET_NETWORK_LOCAL] || tb[VNET_NETWORK_LOCAL6]) {
		err = vnet_ul_addr_parse(tb, VNET_NETWORK_LOCAL,
					 VNET_NETWORK_LOCAL6, &ov->local, extack);
		if (err)
			return err;
		if (!vnet_ul_addr_is_ours(nw->net, &ov->local)) {
			NL_SET_ERR_MSG(extack,
				       "the local address is not an address of this host");
			return -EADDRNOTAVAIL;
		}
	} else if (!ov->local.family) {
		NL_SET_ERR_MSG(extack, "the local address is required");
		return -EINVAL;
	}
	if (ov->nhosts && ov->local.family != ov->hosts[0].family) {
		NL_SET_ERR_MSG(extack,
			       "the network's hosts are of the other family: delete them first");
		return -EAFNOSUPPORT;
	}
	/* The local address may be among the hosts; no other of ours. */
	for (i = 0; i < ov->nhosts; i++) {
		if (!vnet_ul_addr_eq(&ov->hosts[i], &ov->local) &&
		    vnet_ul_addr_is_ours(nw->net, &ov->hosts[i])) {
			NL_SET_ERR_MSG(extack,
				       "a host of the network is an address of this host other than the local one: delete it first");
			return -EINVAL;
		}
	}
	return 0;
}

size_t vnet_overlay_size(void)
{
	return nla_total_size(IFNAMSIZ)				/* UNDERLAY */
	     + nla_total_size(sizeof(struct in6_addr))		/* LOCAL(6) */
	     + nla_total_size(sizeof(u16))			/* VXLAN_PORT */
	     + VNET_HOSTS_MAX * nla_total_size(sizeof(struct in6_addr));
}

static int vnet_ul_addr_fill(struct sk_buff *skb, int attr4, int attr6,
			     const struct vnet_ul_addr *a)
{
	if (a->family == AF_INET)
		return nla_put_in_addr(skb, attr4, a->ip4);
	return nla_put_in6_addr(skb, attr6, &a->ip6);
}

/* The overlay's part of a network's nest. */
int vnet_overlay_fill(struct sk_buff *skb, const struct vnet_network *nw)
{
	const struct vnet_overlay *ov = &nw->overlay;
	unsigned int i;

	if (nla_put_u16(skb, VNET_NETWORK_VXLAN_PORT,
			ov->port ?: VNET_VXLAN_PORT_DEFAULT))
		return -EMSGSIZE;
	if (!ov->underlay[0])
		return 0;
	if (nla_put_string(skb, VNET_NETWORK_UNDERLAY, ov->underlay) ||
	    vnet_ul_addr_fill(skb, VNET_NETWORK_LOCAL, VNET_NETWORK_LOCAL6,
			      &ov->local))
		return -EMSGSIZE;
	for (i = 0; i < ov->nhosts; i++)
		if (vnet_ul_addr_fill(skb, VNET_NETWORK_HOST, VNET_NETWORK_HOST6,
				      &ov->hosts[i]))
			return -EMSGSIZE;
	return 0;
}

/* Does a device of the namespace carry @vni, for itself or a VLAN? */
static bool vnet_vni_in_use(struct vnet_pernet *vn, u32 vni)
{
	struct vnet_port *port;
	struct vnet_dev *vd;

	list_for_each_entry(vd, &vn->devices, list) {
		if (!vnet_is_segment(vd))
			continue;
		if (vd->tunnel && vd->vni == vni)
			return true;
		if (!vd->vlan_tunnels)
			continue;
		list_for_each_entry(port, &vd->ports, list)
			if (port->tunnel_vid && port->tunnel_vni == vni)
				return true;
	}
	return false;
}

/*
 * May a device of @kind of network @nw carry @vni (for itself or a VLAN)?
 * One it carries already is taken.
 */
int vnet_segment_check(enum vnet_kind kind, struct vnet_network *nw, u32 vni,
		       struct netlink_ext_ack *extack)
{
	char name[IFNAMSIZ];

	if (!vni)
		return 0;
	if (kind != VNET_KIND_VSWITCH) {
		NL_SET_ERR_MSG(extack, "only a vswitch spans hosts: a vni is a vswitch's");
		return -EOPNOTSUPP;
	}
	if (!nw->overlay.underlay[0]) {
		NL_SET_ERR_MSG(extack,
			       "the network has no underlay: set its underlay and local address first");
		return -EINVAL;
	}
	if (!vnet_underlay_dev(nw->net, &nw->overlay, NULL, extack))
		return -ENODEV;
	if (vnet_vni_in_use(vnet_pernet(nw->net), vni)) {
		NL_SET_ERR_MSG(extack,
			       "the vni is carried by a vswitch (or a VLAN of one) in this namespace");
		return -EEXIST;
	}
	snprintf(name, sizeof(name), VNET_VXLAN_NAME, vni & VNET_VNI_MAX);
	if (__dev_get_by_name(nw->net, name)) {
		NL_SET_ERR_MSG(extack,
			       "a device has the name of the segment's VXLAN device, vnetvxVNI");
		return -EEXIST;
	}
	if (!READ_ONCE(vnet_vxlan_create)) {
		NL_SET_ERR_MSG(extack, "the kernel's vxlan module cannot be loaded");
		return -EOPNOTSUPP;
	}
	return 0;
}

/*
 * The MTU a segment's devices take by default on @nw's underlay (checked
 * by vnet_segment_check()); 0, no default, if that is below Ethernet's.
 */
u32 vnet_segment_mtu(struct vnet_network *nw)
{
	struct net_device *underlay = __dev_get_by_name(nw->net,
							nw->overlay.underlay);
	int mtu;

	if (!underlay)
		return 0;
	mtu = (int)underlay->mtu - (nw->overlay.local.family == AF_INET ?
				    VNET_VXLAN_OVERHEAD4 : VNET_VXLAN_OVERHEAD6);
	return mtu < ETH_MIN_MTU ? 0 : min(mtu, ETH_MAX_MTU);
}

/*
 * Delete VXLAN device @vx as "ip link del" does: its dellink also unlinks
 * it from the underlay, whose upper it is. Its port goes with it
 * (vnet_port_event).
 */
static void vnet_vxlan_del(struct net_device *vx)
{
	LIST_HEAD(kill);

	vx->rtnl_link_ops->dellink(vx, &kill);
	unregister_netdevice_many(&kill);
}

struct vnet_tunnel_arg {
	u32 vni;
	u16 vid;
};

static int vnet_tunnel_setup(struct vnet_port *port, void *arg,
			     struct netlink_ext_ack *extack)
{
	const struct vnet_tunnel_arg *ta = arg;
	struct vnet_vlan *vl;

	port->tunnel = true;
	if (!ta->vid)
		return 0;
	/* A VLAN's tunnel: an access port of it, untagged in its VNI. */
	vl = kzalloc(sizeof(*vl), GFP_KERNEL_ACCOUNT);
	if (!vl)
		return -ENOMEM;
	vl->mode = VNET_VLAN_MODE_ACCESS;
	vl->pvid = ta->vid;
	__set_bit(ta->vid, vl->members);
	RCU_INIT_POINTER(port->vlan, vl);
	port->tunnel_vid = ta->vid;
	port->tunnel_vni = ta->vni;
	return 0;
}

/*
 * Make @vd (a vswitch checked by vnet_segment_check()) carry @vni: for
 * itself, its segment, or for its VLAN @vid. Makes the VXLAN device, its
 * flood list and its tunnel port, and returns the port. Nothing is left on
 * failure, and what @vd carried so far (a vni changing) is left as it was.
 */
struct vnet_port *vnet_segment_new(struct vnet_dev *vd, u32 vni, u16 vid,
				   struct netlink_ext_ack *extack)
{
	struct vnet_tunnel_arg ta = { .vni = vni, .vid = vid };
	struct vnet_overlay *ov = &vd->network->overlay;
	struct net_device *underlay = __dev_get_by_name(dev_net(vd->dev),
							ov->underlay);
	struct vxlan_config conf = {
		.vni = cpu_to_be32(vni),
		.dst_port = htons(ov->port ?: VNET_VXLAN_PORT_DEFAULT),
		.ttl = 0,			/* the route's */
		.df = VXLAN_DF_UNSET,
		.flags = 0,			/* no learning: vnet learns */
	};
	char name[IFNAMSIZ];
	struct net_device *vx;
	struct vnet_port *port;
	unsigned int i;
	int err;

	if (WARN_ON_ONCE(!underlay))
		return ERR_PTR(-ENODEV);
	conf.remote_ifindex = underlay->ifindex;
	vnet_ul_addr_vxlan(&ov->local, &conf.saddr);
	conf.remote_ip.sa.sa_family = ov->local.family;
	snprintf(name, sizeof(name), VNET_VXLAN_NAME, vni & VNET_VNI_MAX);
	vx = vnet_vxlan_create(dev_net(vd->dev), name, NET_NAME_USER, &conf);
	if (IS_ERR(vx)) {
		NL_SET_ERR_MSG(extack, "cannot make the segment's VXLAN device");
		return ERR_CAST(vx);
	}
	for (i = 0; i < ov->nhosts; i++) {
		if (vnet_ul_addr_eq(&ov->hosts[i], &ov->local))
			continue;	/* this host */
		err = vnet_overlay_flood(vx, &ov->hosts[i], true, extack);
		if (err)
			goto err_vx;
	}
	if (vd->dev->flags & IFF_UP) {
		err = dev_change_flags(vx, vx->flags | IFF_UP, extack);
		if (err)
			goto err_vx;
	}
	/* Last: once bound, its frames reach the switch. */
	port = vnet_port_attach(vd, vx, NULL, vnet_tunnel_setup, &ta, extack);
	if (IS_ERR(port)) {
		err = PTR_ERR(port);
		goto err_vx;
	}
	if (vid) {
		vd->vlan_tunnels++;
	} else {
		vd->tunnel = port;
		vd->vni = vni;
	}
	vnet_genl_notify_port(port, VNET_CMD_PORT_NEW);
	return port;

err_vx:
	vnet_vxlan_del(vx);
	return ERR_PTR(err);
}

/* The tunnel port of @vd's VLAN @vid, if it has a vni; under RTNL. */
struct vnet_port *vnet_vlan_segment(const struct vnet_dev *vd, u16 vid)
{
	struct vnet_port *port;

	if (!vd->vlan_tunnels)
		return NULL;
	list_for_each_entry(port, &vd->ports, list)
		if (port->tunnel_vid == vid)
			return port;
	return NULL;
}

/*
 * The VLAN and vni a VNET_ATTR_VLAN_VNI @nest asks, into @vv, of a device
 * of @kind, @vd (NULL for one not made yet), with the parameters @p it
 * will have, in network @nw; a vni of 0 ends the VLAN's. @new_vni: the
 * vni the same request gives the device itself, a new tunnel port (VLAN
 * 1's at first); 0 if none. Returns 1 when the VLAN carries that vni
 * already.
 */
int vnet_vlan_segment_check(enum vnet_kind kind, const struct vnet_dev *vd,
			    const struct vnet_params *p,
			    struct vnet_network *nw, const struct nlattr *nest,
			    u32 new_vni, struct vnet_vlan_vni *vv,
			    struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_VLAN_VNI_MAX + 1];
	struct vnet_port *port;
	int err;

	if (kind != VNET_KIND_VSWITCH) {
		NL_SET_ERR_MSG_ATTR(extack, nest, "VLANs are a vswitch's");
		return -EOPNOTSUPP;
	}
	err = nla_parse_nested(tb, VNET_VLAN_VNI_MAX, nest,
			       vnet_vlan_vni_nl_policy, extack);
	if (err)
		return err;
	if (!tb[VNET_VLAN_VNI_VID] || !tb[VNET_VLAN_VNI_VNI]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a VLAN's vni needs the VLAN and the vni");
		return -EINVAL;
	}
	vv->vid = nla_get_u16(tb[VNET_VLAN_VNI_VID]);
	vv->vni = nla_get_u32(tb[VNET_VLAN_VNI_VNI]);
	port = vd ? vnet_vlan_segment(vd, vv->vid) : NULL;
	if (!vv->vni) {
		if (port)
			return 0;
		NL_SET_ERR_MSG_ATTR(extack, nest, "the VLAN has no vni");
		return -ENOENT;
	}
	if (port && port->tunnel_vni == vv->vni)
		return 1;
	/* On before the request: its port is live before new parameters. */
	if (!p->vlan_filtering || (vd && !vd->params.vlan_filtering)) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "a VLAN's vni needs vlan-filtering on (turned on first)");
		return -EINVAL;
	}
	if ((vd && vd->tunnel &&
	     vnet_vlan_member(rtnl_dereference(vd->tunnel->vlan), vv->vid)) ||
	    (new_vni && vnet_vlan_member(NULL, vv->vid))) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "the switch's own tunnel port carries the VLAN: take it out of its VLANs first");
		return -EBUSY;
	}
	if (!port && vd && vd->vlan_tunnels >= VNET_VLAN_VNI_LIMIT) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "the device has as many VLANs with a vni as it can");
		return -ENOSPC;
	}
	if (vv->vni == new_vni) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "the request gives the vni to the device and to a VLAN");
		return -EEXIST;
	}
	return vnet_segment_check(kind, nw, vv->vni, extack);
}

/*
 * May @vd's own tunnel port be a member of the VLANs of @vl (NULL: VLAN
 * 1's access port, as a new one is)? Not of one with a vni of its own.
 */
int vnet_segment_vlans_check(const struct vnet_dev *vd,
			     const struct vnet_vlan *vl,
			     struct netlink_ext_ack *extack)
{
	struct vnet_port *port;

	if (!vd->vlan_tunnels)
		return 0;
	list_for_each_entry(port, &vd->ports, list) {
		if (port->tunnel_vid && vnet_vlan_member(vl, port->tunnel_vid)) {
			NL_SET_ERR_MSG(extack,
				       "a VLAN with a vni of its own would cross in the switch's vni too: set its vni none first");
			return -EBUSY;
		}
	}
	return 0;
}

/* @vd's VLANs with a vni of their own, as a VNET_ATTR_VLAN_VNIS nest. */
int vnet_vlan_segment_fill(struct sk_buff *skb, const struct vnet_dev *vd)
{
	struct nlattr *nest, *entry;
	struct vnet_port *port;

	if (!vd->vlan_tunnels)
		return 0;
	nest = nla_nest_start(skb, VNET_ATTR_VLAN_VNIS);
	if (!nest)
		return -EMSGSIZE;
	list_for_each_entry(port, &vd->ports, list) {
		if (!port->tunnel_vid)
			continue;
		entry = nla_nest_start(skb, VNET_VLAN_VNIS_ENTRY);
		if (!entry ||
		    nla_put_u16(skb, VNET_VLAN_VNI_VID, port->tunnel_vid) ||
		    nla_put_u32(skb, VNET_VLAN_VNI_VNI, port->tunnel_vni))
			return -EMSGSIZE;
		nla_nest_end(skb, entry);
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* What vnet_vlan_segment_fill() takes of @vd as it is; under RTNL. */
size_t vnet_vlan_segment_size(const struct vnet_dev *vd)
{
	if (!vd->vlan_tunnels)
		return 0;
	return nla_total_size(0) +
	       vd->vlan_tunnels * (nla_total_size(0) +
				   nla_total_size(sizeof(u16)) +
				   nla_total_size(sizeof(u32)));
}

/*
 * Tunnel port @port's VXLAN device goes, and the port with it; the
 * caller announces what its device is then.
 */
void vnet_segment_del_port(struct vnet_port *port)
{
	port->tunnel_ending = true;
	vnet_vxlan_del(port->lower);
}

/*
 * @vd is being unregistered (NETDEV_UNREGISTER, before its ports go): its
 * VXLAN device goes too, unless it is in the same batch (a group deleted,
 * a namespace going), which has made it NETREG_UNREGISTERING already.
 * Not queued in that batch: whoever made it may call dellink on the same
 * device, and vxlan_dellink() twice corrupts its list.
 */
void vnet_segment_unregister(struct vnet_dev *vd)
{
	struct vnet_port *port;
	LIST_HEAD(kill);

	if (!vnet_is_segment(vd))
		return;
	/* All queued first, then one batch: their dellink touches no port,
	 * where their going takes ports with them (and devices stacked on
	 * them), which a walk deleting one at a time would step on.
	 */
	list_for_each_entry(port, &vd->ports, list) {
		if (!port->tunnel ||
		    port->lower->reg_state != NETREG_REGISTERED)
			continue;
		port->tunnel_ending = true;
		port->lower->rtnl_link_ops->dellink(port->lower, &kill);
	}
	unregister_netdevice_many(&kill);
}

/* The tunnel port @port of its device is going. */
void vnet_segment_port_gone(struct vnet_port *port)
{
	struct vnet_dev *vd = port->vd;

	if (port->tunnel_vid) {
		vd->vlan_tunnels--;
	} else if (vd->tunnel == port) {
		vd->tunnel = NULL;
		vd->vni = 0;
	} else {
		return;
	}
	/* Its VXLAN device went alone ("ip link del", its underlay gone). */
	if (!port->tunnel_ending && vd->dev->reg_state == NETREG_REGISTERED)
		vnet_genl_notify_dev(vd->dev, VNET_CMD_DEV_SET);
}

/* Start or stop @vd's VXLAN device with it (NETDEV_UP, NETDEV_DOWN). */
void vnet_segment_follow(struct vnet_dev *vd)
{
	struct vnet_port *port;
	struct net_device *vx;
	unsigned int flags;

	if (!vnet_is_segment(vd))
		return;
	list_for_each_entry(port, &vd->ports, list) {
		if (!port->tunnel)
			continue;
		vx = port->lower;
		flags = vx->flags & ~IFF_UP;
		if (vd->dev->flags & IFF_UP)
			flags |= IFF_UP;
		if (flags != vx->flags)
			dev_change_flags(vx, flags, NULL);
	}
}
