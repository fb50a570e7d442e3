// SPDX-License-Identifier: GPL-2.0
/*
 * The "vnet" generic netlink family: device new, del, get (doit and dump)
 * and set, and the "monitor" multicast group.
 *
 * The attribute policies are generated from the family's YNL spec,
 * Documentation/netlink/specs/vnet.yaml, into netlink_gen.c (make regen).
 * The ops table is not: 6.1 has no split ops, so the spec's per-op policies
 * would come with a genl_ops table of the generator's handler names and no
 * .start or .done. The table below is written by hand and points each
 * command at its generated policy, and says in internal_flags what
 * vnet_pre_doit() resolves and locks for it (netlink.h). The other
 * objects' handlers are in netlink_*.c, one file per object.
 */
#include <linux/etherdevice.h>
#include <net/sock.h>
#include "netlink.h"

static const struct genl_multicast_group vnet_mcgrps[] = {
	[VNET_MCGRP_MONITOR_ID] = { .name = VNET_MCGRP_MONITOR },
};

/*
 * Attributes a nest only reports (vnet_reported_only[], per top-level
 * attribute, from the spec: the members whose doc says "reported only").
 * The generated nest policies give them their types (a reply's decoder
 * reads them from the spec), so a doit request that carries one is
 * refused here, before its handler runs, with the message a NLA_REJECT
 * policy gives. Dumps do not pass through pre_doit; none of them reads
 * these attributes.
 */
#include "netlink_reported_gen.h"

/* Every top-level attribute, a repeated one too (a rule replace's rules). */
static int vnet_check_reported_only(struct genl_info *info)
{
	const struct nlattr *attr, *a;
	int rem, nrem;

	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		u32 only = nla_type(attr) <= VNET_ATTR_MAX ?
			   vnet_reported_only[nla_type(attr)] : 0;

		if (!only)
			continue;
		nla_for_each_nested(a, attr, nrem) {
			if (nla_type(a) < 32 && (only & BIT(nla_type(a)))) {
				NL_SET_ERR_MSG_ATTR(info->extack, a,
						    "Attribute failed policy validation");
				return -EINVAL;
			}
		}
	}
	return 0;
}

/* Find the vnet device a request names by VNET_ATTR_IFNAME or _IFINDEX. */
static struct net_device *vnet_lookup_dev(struct net *net,
					  struct nlattr **attrs,
					  struct netlink_ext_ack *extack)
{
	struct net_device *dev = NULL;
	struct nlattr *which;

	ASSERT_RTNL();
	if (attrs[VNET_ATTR_IFINDEX]) {
		which = attrs[VNET_ATTR_IFINDEX];
		dev = __dev_get_by_index(net, nla_get_u32(which));
		if (dev && attrs[VNET_ATTR_IFNAME] &&
		    nla_strcmp(attrs[VNET_ATTR_IFNAME], dev->name)) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[VNET_ATTR_IFNAME],
					    "device name and index do not match");
			return ERR_PTR(-EINVAL);
		}
	} else if (attrs[VNET_ATTR_IFNAME]) {
		which = attrs[VNET_ATTR_IFNAME];
		dev = __dev_get_by_name(net, nla_data(which));
	} else {
		NL_SET_ERR_MSG(extack, "the device name or index is required");
		return ERR_PTR(-EINVAL);
	}
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, which, "no such device");
		return ERR_PTR(-ENODEV);
	}
	if (!vnet_dev_is_ours(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, which, "not a vnet device");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return dev;
}

/* Whether @vd has the table @flags asks for (VNET_NL_FDB, ...). */
static int vnet_nl_dev_allows(const struct vnet_dev *vd, u8 flags,
			      struct netlink_ext_ack *extack)
{
	if ((flags & VNET_NL_FDB) && !vd->fdb.ready) {
		NL_SET_ERR_MSG(extack,
			       "only vswitch and vfirewall devices have a forwarding table");
		return -EOPNOTSUPP;
	}
	if ((flags & VNET_NL_ROUTER) && !vd->router.ready) {
		NL_SET_ERR_MSG(extack,
			       "only vrouter devices have addresses, routes and neighbours");
		return -EOPNOTSUPP;
	}
	if ((flags & VNET_NL_FIREWALL) && !vd->fw.ready) {
		NL_SET_ERR_MSG(extack,
			       "only vfirewall devices have rules");
		return -EOPNOTSUPP;
	}
	if ((flags & VNET_NL_CONNS) && !vd->ct.ready) {
		NL_SET_ERR_MSG(extack,
			       "only vfirewall and vrouter devices track connections");
		return -EOPNOTSUPP;
	}
	return 0;
}

/* The device, and port, a request names, as @flags ask; under RTNL. */
static int vnet_nl_resolve(struct genl_info *info, u8 flags)
{
	struct net_device *dev;
	struct vnet_port *port;
	struct vnet_dev *vd;
	int err;

	dev = vnet_lookup_dev(genl_info_net(info), info->attrs, info->extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	vd = netdev_priv(dev);
	err = vnet_nl_dev_allows(vd, flags, info->extack);
	if (err)
		return err;
	if (flags & VNET_NL_PORT) {
		port = vnet_nl_port_lookup(vd, info->attrs[VNET_ATTR_PORT],
					   info->extack);
		if (IS_ERR(port))
			return PTR_ERR(port);
		info->user_ptr[1] = port;
	}
	info->user_ptr[0] = vd;
	return 0;
}

/* A held device's tracker: in user_ptr[1], unused without VNET_NL_PORT. */
static netdevice_tracker *vnet_nl_tracker(struct genl_info *info)
{
	BUILD_BUG_ON(sizeof(netdevice_tracker) > sizeof(info->user_ptr[1]));
	return (netdevice_tracker *)&info->user_ptr[1];
}

/*
 * Before every doit: the reported-only check, then what the op's flags
 * ask. A doit under RTNL finds its device (and port) resolved and locked;
 * one that leaves RTNL during its work (a rule build) finds it held.
 */
static int vnet_pre_doit(const struct vnet_genl_doit_ops *ops,
			 struct sk_buff *skb, struct genl_info *info)
{
	u8 flags = ops->internal_flags;
	int err;

	/* A port is only safe to use under RTNL. */
	if (WARN_ON_ONCE((flags & VNET_NL_PORT) && !(flags & VNET_NL_RTNL)))
		return -EINVAL;
	err = vnet_check_reported_only(info);
	if (err || !(flags & (VNET_NL_RTNL | VNET_NL_DEV)))
		return err;
	/*
	 * A segment needs the vxlan module, whose init takes RTNL: find it
	 * before. info->attrs ends at the op's maxattr.
	 */
	if ((ops->maxattr >= VNET_ATTR_VNI && info->attrs[VNET_ATTR_VNI] &&
	     nla_get_u32(info->attrs[VNET_ATTR_VNI])) ||
	    (ops->maxattr >= VNET_ATTR_VLAN_VNI &&
	     info->attrs[VNET_ATTR_VLAN_VNI]))
		vnet_overlay_load();
	rtnl_lock();
	if (flags & VNET_NL_DEV)
		err = vnet_nl_resolve(info, flags);
	if (!err && !(flags & VNET_NL_RTNL))
		netdev_hold(vnet_nl_dev(info)->dev, vnet_nl_tracker(info),
			    GFP_KERNEL);
	if (err || !(flags & VNET_NL_RTNL))
		rtnl_unlock();
	return err;
}

static void vnet_post_doit(const struct vnet_genl_doit_ops *ops,
			   struct sk_buff *skb, struct genl_info *info)
{
	u8 flags = ops->internal_flags;

	if (flags & VNET_NL_RTNL)
		rtnl_unlock();
	else if (flags & VNET_NL_DEV)
		netdev_put(vnet_nl_dev(info)->dev, vnet_nl_tracker(info));
}

/*
 * The device a dump names, as vnet_dump documents; under RTNL. @flags
 * are the kind flags of the doits.
 */
struct vnet_dev *vnet_dump_dev(struct netlink_callback *cb, u8 flags)
{
	struct vnet_dump *d = vnet_dump(cb);
	struct net *net = sock_net(cb->skb->sk);
	struct net_device *dev;
	struct vnet_dev *vd;
	int err;

	ASSERT_RTNL();
	if (d->ifindex) {
		dev = __dev_get_by_index(net, d->ifindex);
		vd = dev && vnet_dev_is_ours(dev) ? netdev_priv(dev) : NULL;
		if (!vd || vd->serial != d->serial) {
			NL_SET_ERR_MSG(cb->extack,
				       "the device was deleted during the dump");
			return ERR_PTR(-ENODEV);
		}
		return vd;
	}
	dev = vnet_lookup_dev(net, vnet_dump_attrs(cb), cb->extack);
	if (IS_ERR(dev))
		return ERR_CAST(dev);
	vd = netdev_priv(dev);
	err = vnet_nl_dev_allows(vd, flags, cb->extack);
	if (err)
		return ERR_PTR(err);
	d->ifindex = dev->ifindex;
	d->serial = vd->serial;
	return vd;
}

/*
 * One object in a message of its own: the genl header, @vd's index and
 * name (with a @vd), then what @fill puts. Returns the header for
 * genlmsg_end(), or NULL with @skb as it was.
 */
static void *vnet_msg_put(struct sk_buff *skb, u32 portid, u32 seq, int flags,
			  u8 cmd, const struct vnet_dev *vd, vnet_fill_t fill,
			  const void *obj)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &vnet_genl_family, flags, cmd);
	if (!hdr)
		return NULL;
	if ((vd && (nla_put_u32(skb, VNET_ATTR_IFINDEX, vd->dev->ifindex) ||
		    nla_put_string(skb, VNET_ATTR_IFNAME, vd->dev->name))) ||
	    fill(skb, obj)) {
		genlmsg_cancel(skb, hdr);
		return NULL;
	}
	return hdr;
}

/* A doit's answer: one object, in a message of at most @size bytes. */
int vnet_msg_reply(struct genl_info *info, size_t size, u8 cmd,
		   const struct vnet_dev *vd, vnet_fill_t fill, const void *obj)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = vnet_msg_put(msg, info->snd_portid, info->snd_seq, 0, cmd, vd,
			   fill, obj);
	if (!hdr) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

/* Announce one object on the monitor group of @net, if anyone listens. */
void vnet_msg_notify(struct net *net, size_t size, u8 cmd,
		     const struct vnet_dev *vd, vnet_fill_t fill, const void *obj)
{
	struct sk_buff *skb;
	void *hdr;

	if (!genl_has_listeners(&vnet_genl_family, net, VNET_MCGRP_MONITOR_ID))
		return;
	skb = genlmsg_new(size, GFP_KERNEL);
	if (!skb)
		return;
	hdr = vnet_msg_put(skb, 0, 0, 0, cmd, vd, fill, obj);
	if (!hdr) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&vnet_genl_family, net, skb, 0,
				VNET_MCGRP_MONITOR_ID, GFP_KERNEL);
}

/*
 * One object of a dump, in a message of its own (vnet_msg_put()). The
 * message is checked against the dump's generation (cb->seq) once it is
 * sure to stay, so a flag is never lost with a message cancelled for want
 * of room.
 */
int vnet_dump_one(struct sk_buff *skb, struct netlink_callback *cb, u8 cmd,
		  const struct vnet_dev *vd, vnet_fill_t fill, const void *obj)
{
	void *hdr;

	hdr = vnet_msg_put(skb, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
			   NLM_F_MULTI, cmd, vd, fill, obj);
	if (!hdr)
		return -EMSGSIZE;
	genl_dump_check_consistent(cb, hdr);
	genlmsg_end(skb, hdr);
	return 0;
}

/* vnet_emit_t for table walks: each object through vnet_dump_one(). */
int vnet_dump_emit(vnet_fill_t fill, const void *obj, void *arg)
{
	struct vnet_dump_out *out = arg;

	return vnet_dump_one(out->skb, out->cb, out->cmd, out->vd, fill, obj);
}

static size_t vnet_dev_msg_size(const struct vnet_dev *vd)
{
	return nla_total_size(sizeof(u32))		/* IFINDEX */
	     + nla_total_size(IFNAMSIZ)			/* IFNAME */
	     + nla_total_size(sizeof(u32))		/* KIND */
	     + nla_total_size(sizeof(u8))		/* UP */
	     + nla_total_size(sizeof(u8))		/* RUNNING */
	     + nla_total_size(sizeof(u32))		/* MTU */
	     + nla_total_size(ETH_ALEN)			/* ADDRESS */
	     + nla_total_size(0)			/* PARAMS */
	     + vnet_params_size(vd->kind)
	     + nla_total_size(0)			/* NETWORK */
	     + nla_total_size(sizeof(u32))		/* its ID */
	     + nla_total_size(VNET_NETWORK_NAMSIZ)	/* its NAME */
	     + nla_total_size(sizeof(u32))		/* VNI */
	     + vnet_vlan_size()				/* HOST_VLAN */
	     + vnet_vlan_segment_size(vd)		/* VLAN_VNIS */
	     + vnet_stats_size();			/* STATS */
}

/* The device's attributes; its counters unless it is being deleted. */
static int vnet_dev_fill_attrs(struct sk_buff *skb,
			       const struct net_device *dev, bool stats)
{
	const struct vnet_dev *vd = netdev_priv(dev);
	struct nlattr *params;
	int err;

	if (nla_put_u32(skb, VNET_ATTR_IFINDEX, dev->ifindex) ||
	    nla_put_string(skb, VNET_ATTR_IFNAME, dev->name) ||
	    nla_put_u32(skb, VNET_ATTR_KIND, vd->kind) ||
	    nla_put_u8(skb, VNET_ATTR_UP, !!(dev->flags & IFF_UP)) ||
	    nla_put_u8(skb, VNET_ATTR_RUNNING, netif_running(dev) &&
		       netif_carrier_ok(dev)) ||
	    nla_put_u32(skb, VNET_ATTR_MTU, dev->mtu) ||
	    nla_put(skb, VNET_ATTR_ADDRESS, ETH_ALEN, dev->dev_addr) ||
	    vnet_network_fill_ref(skb, vd) ||
	    (vd->vni && nla_put_u32(skb, VNET_ATTR_VNI, vd->vni)))
		return -EMSGSIZE;
	rcu_read_lock();
	err = vnet_vlan_fill(skb, VNET_ATTR_HOST_VLAN,
			     rcu_dereference(vd->host_vlan));
	rcu_read_unlock();
	if (err || vnet_vlan_segment_fill(skb, vd))
		return -EMSGSIZE;

	params = nla_nest_start(skb, VNET_ATTR_PARAMS);
	if (!params || vnet_params_fill(skb, vd))
		return -EMSGSIZE;
	nla_nest_end(skb, params);

	if (stats && vnet_stats_fill(skb, VNET_ATTR_STATS, vd->stats))
		return -EMSGSIZE;
	return 0;
}

/* A device, a vnet_fill_t. */
static int vnet_dev_fill(struct sk_buff *skb, const void *dev)
{
	return vnet_dev_fill_attrs(skb, dev, true);
}

static int vnet_dev_fill_deleted(struct sk_buff *skb, const void *dev)
{
	return vnet_dev_fill_attrs(skb, dev, false);
}

/* Announce @dev on the monitor group of its namespace; under RTNL. */
void vnet_genl_notify_dev(struct net_device *dev, u8 cmd)
{
	vnet_msg_notify(dev_net(dev), vnet_dev_msg_size(netdev_priv(dev)), cmd,
			NULL, cmd == VNET_CMD_DEV_DEL ? vnet_dev_fill_deleted :
			vnet_dev_fill, dev);
}

static int vnet_parse_params(enum vnet_kind kind, struct nlattr *nest,
			     struct vnet_params *p,
			     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_PARAM_MAX + 1];
	int err;

	if (!nest)
		return 0;
	err = nla_parse_nested(tb, VNET_PARAM_MAX, nest, vnet_param_nl_policy,
			       extack);
	if (err)
		return err;
	return vnet_params_parse(kind, tb, p, extack);
}

static int vnet_check_name(struct nlattr *attr, struct netlink_ext_ack *extack)
{
	/* The policy bounds its length. */
	if (!dev_valid_name(nla_data(attr))) {
		NL_SET_ERR_MSG_ATTR(extack, attr, "invalid device name");
		return -EINVAL;
	}
	return 0;
}

/*
 * The request's VNET_ATTR_VLAN_VNI, if any: one VLAN's per request, as
 * each makes or deletes a device.
 */
static struct nlattr *vnet_nl_vlan_vni(struct genl_info *info)
{
	struct genlmsghdr *hdr = info->genlhdr;
	struct nlattr *attr, *found = NULL;
	int rem;

	nla_for_each_attr(attr, genlmsg_data(hdr), genlmsg_len(hdr), rem) {
		if (nla_type(attr) != VNET_ATTR_VLAN_VNI)
			continue;
		if (found) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "one VLAN's vni per request");
			return ERR_PTR(-EINVAL);
		}
		found = attr;
	}
	return found;
}

static int vnet_nl_dev_new(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	struct vnet_vlan_vni vv = {};
	struct vnet_network *nw;
	struct vnet_params params;
	struct nlattr *vlan_vni;
	struct net_device *dev;
	struct vnet_port *port;
	enum vnet_kind kind;
	u32 mtu = 0, vni = 0;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, VNET_ATTR_IFNAME)) {
		NL_SET_ERR_MSG(extack, "the device name is required");
		return -EINVAL;
	}
	if (GENL_REQ_ATTR_CHECK(info, VNET_ATTR_KIND)) {
		NL_SET_ERR_MSG(extack, "the device kind is required");
		return -EINVAL;
	}
	if (attrs[VNET_ATTR_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VNET_ATTR_IFINDEX],
				    "the index of a new device cannot be chosen");
		return -EINVAL;
	}
	err = vnet_check_name(attrs[VNET_ATTR_IFNAME], extack);
	if (err)
		return err;
	kind = nla_get_u32(attrs[VNET_ATTR_KIND]);
	vnet_params_default(kind, &params);
	err = vnet_parse_params(kind, attrs[VNET_ATTR_PARAMS], &params, extack);
	if (err)
		return err;
	if (attrs[VNET_ATTR_MTU])
		mtu = nla_get_u32(attrs[VNET_ATTR_MTU]);

	nw = vnet_pernet(net)->dflt;
	if (attrs[VNET_ATTR_NETWORK]) {
		nw = vnet_network_find(vnet_pernet(net), attrs[VNET_ATTR_NETWORK],
				       extack);
		if (IS_ERR(nw))
			return PTR_ERR(nw);
	}
	if (__dev_get_by_name(net, nla_data(attrs[VNET_ATTR_IFNAME]))) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VNET_ATTR_IFNAME],
				    "a device with this name already exists");
		return -EEXIST;
	}
	if (attrs[VNET_ATTR_VNI]) {
		vni = nla_get_u32(attrs[VNET_ATTR_VNI]);
		err = vnet_segment_check(kind, nw, vni, extack);
		if (err)
			return err;
	}
	vlan_vni = vnet_nl_vlan_vni(info);
	if (IS_ERR(vlan_vni))
		return PTR_ERR(vlan_vni);
	if (vlan_vni) {
		err = vnet_vlan_segment_check(kind, NULL, &params, nw, vlan_vni,
					      vni, &vv, extack);
		if (err < 0)
			return err;
	}
	/* A segment's frames fit its underlay, encapsulated. */
	if ((vni || vv.vni) && !mtu && !nw->mtu)
		mtu = vnet_segment_mtu(nw);
	dev = vnet_dev_new(net, nla_data(attrs[VNET_ATTR_IFNAME]), kind,
			   &params, mtu, nw, extack);
	if (IS_ERR(dev))
		return PTR_ERR(dev);
	if (vni) {
		port = vnet_segment_new(netdev_priv(dev), vni, 0, extack);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto err_unregister;
		}
	}
	if (vv.vni) {
		port = vnet_segment_new(netdev_priv(dev), vv.vni, vv.vid,
					extack);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto err_unregister;
		}
	}
	if (attrs[VNET_ATTR_UP] && nla_get_u8(attrs[VNET_ATTR_UP])) {
		err = dev_change_flags(dev, dev->flags | IFF_UP, extack);
		if (err)
			goto err_unregister;
	}
	return 0;

err_unregister:
	/* Its VXLAN devices go with it (vnet_segment_unregister()). */
	unregister_netdevice(dev);
	return err;
}

static int vnet_nl_dev_del(struct sk_buff *skb, struct genl_info *info)
{
	unregister_netdevice(vnet_nl_dev(info)->dev);
	return 0;
}

/*
 * The network @nest names, for @vd to move to: @vd's own when it is the
 * one. Patches never cross networks and policers belong to one, so a
 * device with either stays where it is.
 */
static struct vnet_network *vnet_dev_move_target(struct vnet_dev *vd,
						 struct nlattr *nest,
						 struct netlink_ext_ack *extack)
{
	struct vnet_network *nw;
	struct vnet_port *port;

	nw = vnet_network_find(vnet_pernet(dev_net(vd->dev)), nest, extack);
	if (IS_ERR(nw) || nw == vd->network)
		return nw;
	if (vnet_is_segment(vd)) {
		NL_SET_ERR_MSG(extack,
			       "a segment cannot change networks, whose hosts it spans; set its vnis (its VLANs' too) none first");
		return ERR_PTR(-EBUSY);
	}
	list_for_each_entry(port, &vd->ports, list) {
		if (port->patch) {
			NL_SET_ERR_MSG(extack,
				       "a device with patch ports cannot change networks; delete them first");
			return ERR_PTR(-EBUSY);
		}
		if (rtnl_dereference(port->policer)) {
			NL_SET_ERR_MSG(extack,
				       "a port of the device uses a policer of its network; unbind it first");
			return ERR_PTR(-EBUSY);
		}
	}
	return nw;
}

/*
 * DEV_SET applies all it asks or nothing: every check first, then the
 * changes that can fail, each undone if a later one does, then the
 * parameters, which cannot fail.
 */
static int vnet_nl_dev_set(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vnet_dev *vd = vnet_nl_dev(info);
	struct nlattr **attrs = info->attrs;
	struct vnet_network *nw = NULL, *old;
	struct vnet_port *old_tunnel = vd->tunnel, *port;
	struct vnet_port *old_vlan_tunnel = NULL, *vlan_tunnel = NULL;
	struct net_device *dev = vd->dev;
	u32 old_vni = vd->vni, vni = old_vni;
	struct vnet_vlan *host_vlan = NULL;
	struct vnet_vlan_vni vv = {};
	struct nlattr *vlan_vni;
	unsigned int old_flags;
	struct vnet_params params;
	u32 old_mtu, mtu;
	int err;

	if (attrs[VNET_ATTR_KIND]) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VNET_ATTR_KIND],
				    "the kind of a device cannot be changed");
		return -EINVAL;
	}
	old = vd->network;
	old_mtu = dev->mtu;
	old_flags = dev->flags;

	params = vd->params;
	err = vnet_parse_params(vd->kind, attrs[VNET_ATTR_PARAMS], &params,
				extack) ?: vnet_params_check(vd, &params, extack);
	if (err)
		return err;
	if (attrs[VNET_ATTR_NETWORK]) {
		nw = vnet_dev_move_target(vd, attrs[VNET_ATTR_NETWORK], extack);
		if (IS_ERR(nw))
			return PTR_ERR(nw);
		if (nw == old)
			nw = NULL;
	}
	if (attrs[VNET_ATTR_VNI])
		vni = nla_get_u32(attrs[VNET_ATTR_VNI]);
	if (vni != old_vni) {
		if (nw) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[VNET_ATTR_VNI],
					    "set the network and the vni in two requests");
			return -EINVAL;
		}
		err = vnet_segment_check(vd->kind, old, vni, extack) ?:
		      (vni ? vnet_segment_vlans_check(vd, NULL, extack) : 0);
		if (err)
			return err;
	}
	vlan_vni = vnet_nl_vlan_vni(info);
	if (IS_ERR(vlan_vni))
		return PTR_ERR(vlan_vni);
	if (vlan_vni) {
		if (nw) {
			NL_SET_ERR_MSG_ATTR(extack, vlan_vni,
					    "set the network and a VLAN's vni in two requests");
			return -EINVAL;
		}
		err = vnet_vlan_segment_check(vd->kind, vd, &params, old,
					      vlan_vni,
					      vni != old_vni ? vni : 0, &vv,
					      extack);
		if (err < 0)
			return err;
		if (err)
			vlan_vni = NULL;	/* the VLAN's vni already */
		else
			old_vlan_tunnel = vnet_vlan_segment(vd, vv.vid);
	}

	if (attrs[VNET_ATTR_HOST_VLAN]) {
		host_vlan = vnet_vlan_parse(vd, attrs[VNET_ATTR_HOST_VLAN],
					    extack);
		if (IS_ERR(host_vlan))
			return PTR_ERR(host_vlan);
	}

	/* The quota move first: it is what fails in practice, and undoing it
	 * has no side effect, where a device taken down or given a small
	 * MTU loses addresses and routes that putting it back does not
	 * restore.
	 */
	if (nw) {
		err = vnet_quota_move(vd, nw, false, extack);
		if (err)
			goto free_vlan;
	}
	/* A new segment next (the old one goes once nothing can fail). */
	if (vni && vni != old_vni) {
		port = vnet_segment_new(vd, vni, 0, extack);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto undo_move;
		}
	}
	if (vlan_vni && vv.vni) {
		port = vnet_segment_new(vd, vv.vni, vv.vid, extack);
		if (IS_ERR(port)) {
			err = PTR_ERR(port);
			goto undo_segment;
		}
		vlan_tunnel = port;
	}
	/* An MTU asked for wins over the one of the network moved to. */
	mtu = nw && nw->mtu ? nw->mtu : old_mtu;
	if (attrs[VNET_ATTR_MTU])
		mtu = nla_get_u32(attrs[VNET_ATTR_MTU]);
	if (mtu != old_mtu) {
		err = dev_set_mtu(dev, mtu);
		if (err) {
			NL_SET_ERR_MSG_ATTR(extack, attrs[VNET_ATTR_MTU],
					    "cannot set the MTU");
			goto undo_vlan_segment;
		}
	}
	if (attrs[VNET_ATTR_UP]) {
		unsigned int flags = old_flags & ~IFF_UP;

		if (nla_get_u8(attrs[VNET_ATTR_UP]))
			flags |= IFF_UP;
		err = dev_change_flags(dev, flags, extack);
		if (err)
			goto undo_mtu;
	}
	if (nw) {
		old->ndevices--;
		nw->ndevices++;
	}
	if (attrs[VNET_ATTR_PARAMS])
		vnet_params_store(vd, &params);
	if (attrs[VNET_ATTR_HOST_VLAN])
		vnet_vlan_replace(&vd->host_vlan, host_vlan);
	/* The old segment's VXLAN device goes, and its port with it. */
	if (vni != old_vni && old_tunnel)
		vnet_segment_del_port(old_tunnel);
	if (old_vlan_tunnel)
		vnet_segment_del_port(old_vlan_tunnel);
	if (attrs[VNET_ATTR_PARAMS] || nw || vni != old_vni ||
	    attrs[VNET_ATTR_HOST_VLAN] || vlan_vni)
		vnet_genl_notify_dev(dev, VNET_CMD_DEV_SET);
	return 0;

undo_mtu:
	/* Only opening can fail, and only after the MTU: put it back. */
	if (mtu != old_mtu)
		dev_set_mtu(dev, old_mtu);
undo_vlan_segment:
	if (vlan_tunnel)
		vnet_segment_del_port(vlan_tunnel);
undo_segment:
	if (vni && vni != old_vni) {
		vnet_segment_del_port(vd->tunnel);
		vd->tunnel = old_tunnel;
		vd->vni = old_vni;
	}
undo_move:
	if (nw)
		vnet_quota_move(vd, old, true, NULL);
free_vlan:
	kfree(host_vlan);
	return err;
}

static int vnet_nl_dev_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_dev *vd = vnet_nl_dev(info);

	return vnet_msg_reply(info, vnet_dev_msg_size(vd), VNET_CMD_DEV_GET,
			      NULL, vnet_dev_fill, vd->dev);
}

/*
 * What a dump callback returns after filling @skb: a full skb (-EMSGSIZE
 * with something in it) ends this part of the dump and the next call
 * resumes; an error on an empty skb, or any other error, ends the dump.
 */
int vnet_dump_end(struct sk_buff *skb, int err)
{
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ?: skb->len;
}

/* The namespace's devices; pos[0]: how many of its list were sent. */
static int vnet_nl_dev_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_pernet *vn = vnet_pernet(sock_net(skb->sk));
	long skip = vnet_dump(cb)->pos[0], idx = 0;
	struct vnet_dev *vd;
	int err = 0;

	rtnl_lock();
	cb->seq = vn->gen;
	list_for_each_entry(vd, &vn->devices, list) {
		if (idx < skip) {
			idx++;
			continue;
		}
		err = vnet_dump_one(skb, cb, VNET_CMD_DEV_GET, NULL,
				    vnet_dev_fill, vd->dev);
		if (err)
			break;
		idx++;
	}
	rtnl_unlock();
	vnet_dump(cb)->pos[0] = idx;
	return vnet_dump_end(skb, err);
}

static const struct genl_ops vnet_genl_ops[] = {
	{
		.cmd = VNET_CMD_DEV_NEW,
		.doit = vnet_nl_dev_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_dev_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_dev_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_DEV_DEL,
		.doit = vnet_nl_dev_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV,
		.policy = vnet_dev_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_dev_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_DEV_GET,
		.doit = vnet_nl_dev_get,
		.dumpit = vnet_nl_dev_dump,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV,
		.policy = vnet_dev_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_dev_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_DEV_SET,
		.doit = vnet_nl_dev_set,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV,
		.policy = vnet_dev_set_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_dev_set_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_PORT_NEW,
		.doit = vnet_nl_port_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV,
		.policy = vnet_port_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_port_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_PORT_DEL,
		.doit = vnet_nl_port_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_PORT,
		.policy = vnet_port_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_port_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_PORT_GET,
		.doit = vnet_nl_port_get,
		.dumpit = vnet_nl_port_dump,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_PORT,
		.policy = vnet_port_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_port_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_PORT_SET,
		.doit = vnet_nl_port_set,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_PORT,
		.policy = vnet_port_set_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_port_set_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_FDB_NEW,
		.doit = vnet_nl_fdb_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_FDB,
		.policy = vnet_fdb_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_fdb_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_FDB_DEL,
		.doit = vnet_nl_fdb_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_FDB,
		.policy = vnet_fdb_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_fdb_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_FDB_GET,
		.dumpit = vnet_nl_fdb_dump,
		.policy = vnet_fdb_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_fdb_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_FDB_FLUSH,
		.doit = vnet_nl_fdb_flush,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_FDB,
		.policy = vnet_fdb_flush_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_fdb_flush_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_ADDR_NEW,
		.doit = vnet_nl_addr_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_addr_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_addr_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_ADDR_DEL,
		.doit = vnet_nl_addr_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_addr_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_addr_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_ADDR_GET,
		.dumpit = vnet_nl_addr_dump,
		.policy = vnet_addr_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_addr_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_ROUTE_NEW,
		.doit = vnet_nl_route_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_route_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_route_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_ROUTE_DEL,
		.doit = vnet_nl_route_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_route_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_route_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_ROUTE_GET,
		.doit = vnet_nl_route_get,
		.dumpit = vnet_nl_route_dump,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_route_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_route_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NEIGH_GET,
		.dumpit = vnet_nl_neigh_dump,
		.policy = vnet_neigh_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_neigh_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NEIGH_FLUSH,
		.doit = vnet_nl_neigh_flush,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_neigh_flush_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_neigh_flush_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_RULE_NEW,
		.doit = vnet_nl_rule_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_DEV | VNET_NL_FIREWALL,
		.policy = vnet_rule_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_rule_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_RULE_DEL,
		.doit = vnet_nl_rule_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_DEV | VNET_NL_FIREWALL,
		.policy = vnet_rule_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_rule_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_RULE_GET,
		.dumpit = vnet_nl_rule_dump,
		.flags = GENL_UNS_ADMIN_PERM,
		.policy = vnet_rule_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_rule_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_RULE_FLUSH,
		.doit = vnet_nl_rule_flush,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_FIREWALL,
		.policy = vnet_rule_flush_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_rule_flush_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_RULE_REPLACE,
		.doit = vnet_nl_rule_replace,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_DEV | VNET_NL_FIREWALL,
		.policy = vnet_rule_replace_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_rule_replace_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_CONN_GET,
		.dumpit = vnet_nl_conn_dump,
		.done = vnet_nl_conn_done,
		.flags = GENL_UNS_ADMIN_PERM,
		.policy = vnet_conn_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_conn_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_CONN_FLUSH,
		.doit = vnet_nl_conn_flush,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_CONNS,
		.policy = vnet_conn_flush_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_conn_flush_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NAT_NEW,
		.doit = vnet_nl_nat_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_nat_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_nat_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NAT_DEL,
		.doit = vnet_nl_nat_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_nat_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_nat_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NAT_GET,
		.dumpit = vnet_nl_nat_dump,
		.flags = GENL_UNS_ADMIN_PERM,
		.policy = vnet_nat_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_nat_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NAT_FLUSH,
		.doit = vnet_nl_nat_flush,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_nat_flush_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_nat_flush_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NET_NEW,
		.doit = vnet_nl_net_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_net_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_net_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NET_DEL,
		.doit = vnet_nl_net_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_net_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_net_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NET_GET,
		.doit = vnet_nl_net_get,
		.dumpit = vnet_nl_net_dump,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_net_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_net_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NET_SET,
		.doit = vnet_nl_net_set,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_net_set_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_net_set_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NET_HOST_NEW,
		.doit = vnet_nl_net_host_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_net_host_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_net_host_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NET_HOST_DEL,
		.doit = vnet_nl_net_host_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_net_host_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_net_host_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_POLICER_NEW,
		.doit = vnet_nl_policer_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_policer_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_policer_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_POLICER_DEL,
		.doit = vnet_nl_policer_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_policer_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_policer_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_POLICER_GET,
		.dumpit = vnet_nl_policer_dump,
		.policy = vnet_policer_get_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_policer_get_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NEIGH_NEW,
		.doit = vnet_nl_neigh_new,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_neigh_new_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_neigh_new_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_NEIGH_DEL,
		.doit = vnet_nl_neigh_del,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL | VNET_NL_DEV | VNET_NL_ROUTER,
		.policy = vnet_neigh_del_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_neigh_del_nl_policy) - 1,
	},
	{
		.cmd = VNET_CMD_POLICER_SET,
		.doit = vnet_nl_policer_set,
		.flags = GENL_UNS_ADMIN_PERM,
		.internal_flags = VNET_NL_RTNL,
		.policy = vnet_policer_set_nl_policy,
		.maxattr = ARRAY_SIZE(vnet_policer_set_nl_policy) - 1,
	},
};

struct genl_family vnet_genl_family __ro_after_init = {
	.name = VNET_GENL_NAME,
	.version = VNET_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.pre_doit = vnet_pre_doit,
	.post_doit = vnet_post_doit,
	.ops = vnet_genl_ops,
	.n_ops = ARRAY_SIZE(vnet_genl_ops),
	.mcgrps = vnet_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vnet_mcgrps),
};

int vnet_genl_init(void)
{
	return genl_register_family(&vnet_genl_family);
}

void vnet_genl_exit(void)
{
	genl_unregister_family(&vnet_genl_family);
}
