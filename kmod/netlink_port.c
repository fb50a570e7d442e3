// SPDX-License-Identifier: GPL-2.0
/* Port and forwarding table commands of the "vnet" genl family. */
#include <linux/etherdevice.h>
#include <net/sock.h>
#include "netlink.h"

static size_t vnet_port_msg_size(void)
{
	return nla_total_size(sizeof(u32))		/* IFINDEX */
	     + nla_total_size(IFNAMSIZ)			/* IFNAME */
	     + nla_total_size(0)			/* PORT */
	     + nla_total_size(sizeof(u32))		/* INDEX */
	     + nla_total_size(IFNAMSIZ)			/* NAME */
	     + nla_total_size(sizeof(u32))		/* LOWER or PEER_IFINDEX */
	     + nla_total_size(IFNAMSIZ)			/* LOWER or PEER_IFNAME */
	     + nla_total_size(IFNAMSIZ)			/* PEER_NAME */
	     + 3 * nla_total_size(sizeof(u8))		/* LEARNING, FLOOD, UP */
	     + 2 * nla_total_size(sizeof(u32))		/* LEARNING_LIMIT, LEARNED */
	     + nla_total_size(ETH_ALEN)			/* ADDRESS */
	     + 2 * nla_total_size(sizeof(u8))		/* RA, TUNNEL */
	     + 2 * nla_total_size(sizeof(u32))		/* RA_INTERVAL, _LIFETIME */
	     + vnet_port_security_size()
	     + vnet_vlan_size()				/* VLAN */
	     + vnet_stats_size();			/* STATS */
}

/* Where a port leads: its endpoint, or the port across its patch. */
static int vnet_port_fill_link(struct sk_buff *skb,
			       const struct vnet_port *port)
{
	struct vnet_port *peer = rtnl_dereference(port->peer);

	if (port->lower)
		return nla_put_u32(skb, VNET_PORT_LOWER_IFINDEX,
				   port->lower->ifindex) ?:
		       nla_put_string(skb, VNET_PORT_LOWER_IFNAME,
				      port->lower->name);
	if (!peer)
		return 0;
	return nla_put_u32(skb, VNET_PORT_PEER_IFINDEX,
			   peer->vd->dev->ifindex) ?:
	       nla_put_string(skb, VNET_PORT_PEER_IFNAME, peer->vd->dev->name) ?:
	       nla_put_string(skb, VNET_PORT_PEER_NAME, peer->name);
}

/* The port's nest, a vnet_fill_t. */
static int vnet_port_fill_nest(struct sk_buff *skb, const void *obj)
{
	const struct vnet_port *port = obj;
	struct nlattr *nest;

	nest = nla_nest_start(skb, VNET_ATTR_PORT);
	if (!nest ||
	    nla_put_u32(skb, VNET_PORT_INDEX, port->index) ||
	    nla_put_string(skb, VNET_PORT_NAME, port->name) ||
	    vnet_port_fill_link(skb, port) ||
	    nla_put_u8(skb, VNET_PORT_LEARNING, READ_ONCE(port->learning)) ||
	    nla_put_u8(skb, VNET_PORT_FLOOD, READ_ONCE(port->flood)) ||
	    nla_put_u32(skb, VNET_PORT_LEARNING_LIMIT,
			READ_ONCE(port->learning_limit)) ||
	    nla_put_u32(skb, VNET_PORT_LEARNED, READ_ONCE(port->learned)) ||
	    nla_put_u8(skb, VNET_PORT_UP, READ_ONCE(port->up)) ||
	    nla_put(skb, VNET_PORT_ADDRESS, ETH_ALEN, vnet_port_mac(port)) ||
	    vnet_ra_fill(skb, port) ||
	    (port->tunnel && nla_put_u8(skb, VNET_PORT_TUNNEL, 1)) ||
	    (port->owns_lower && nla_put_u8(skb, VNET_PORT_OWNS_LOWER, 1)) ||
	    vnet_port_security_fill(skb, port) ||
	    vnet_vlan_fill(skb, VNET_PORT_VLAN,
			   rcu_dereference_rtnl(port->vlan)) ||
	    vnet_stats_fill(skb, VNET_PORT_STATS, port->stats))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* Announce a port change on the monitor group; under RTNL. */
void vnet_genl_notify_port(struct vnet_port *port, u8 cmd)
{
	vnet_msg_notify(dev_net(port->vd->dev), vnet_port_msg_size(), cmd,
			port->vd, vnet_port_fill_nest, port);
}

/* Parse the VNET_ATTR_PORT nest of a request, which must be there. */
static int vnet_port_attrs(struct genl_info *info, struct nlattr **tb)
{
	if (!info->attrs[VNET_ATTR_PORT]) {
		NL_SET_ERR_MSG(info->extack, "the port is required");
		return -EINVAL;
	}
	return nla_parse_nested(tb, VNET_PORT_MAX, info->attrs[VNET_ATTR_PORT],
				vnet_port_nl_policy, info->extack);
}

/*
 * The port of @vd a request's VNET_ATTR_PORT @nest names by its index or
 * name, for pre_doit; under RTNL.
 */
struct vnet_port *vnet_nl_port_lookup(struct vnet_dev *vd, struct nlattr *nest,
				      struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VNET_PORT_MAX + 1];
	struct vnet_port *port;
	int err;

	if (!nest) {
		NL_SET_ERR_MSG(extack, "the port is required");
		return ERR_PTR(-EINVAL);
	}
	err = nla_parse_nested(tb, VNET_PORT_MAX, nest, vnet_port_nl_policy,
			       extack);
	if (err)
		return ERR_PTR(err);
	if (!tb[VNET_PORT_INDEX] && !tb[VNET_PORT_NAME]) {
		NL_SET_ERR_MSG(extack, "the port name or index is required");
		return ERR_PTR(-EINVAL);
	}
	port = vnet_port_find(vd, tb[VNET_PORT_INDEX] ?
			      nla_get_u32(tb[VNET_PORT_INDEX]) : 0,
			      tb[VNET_PORT_INDEX] ? NULL :
			      nla_data(tb[VNET_PORT_NAME]));
	if (!port) {
		NL_SET_ERR_MSG(extack, "no such port");
		return ERR_PTR(-ENOENT);
	}
	return port;
}

/*
 * The settings of a request that can fail, checked and applied before
 * the flags: the VLANs checked, the policer binding, port security, then
 * the VLANs published.
 */
static int vnet_port_apply_checked(struct vnet_port *port, struct nlattr **tb,
				   struct netlink_ext_ack *extack)
{
	struct vnet_policer *old = rtnl_dereference(port->policer);
	struct vnet_vlan *vlan = NULL;
	int err;

	err = vnet_ra_check(port, tb, extack);
	if (err)
		return err;
	if (tb[VNET_PORT_VLAN] && port->tunnel_vid) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_PORT_VLAN],
				    "the port carries its VLAN's vni: set the VLAN's vni instead");
		return -EBUSY;
	}
	if (tb[VNET_PORT_VLAN]) {
		vlan = vnet_vlan_parse(port->vd, tb[VNET_PORT_VLAN], extack);
		if (IS_ERR(vlan))
			return PTR_ERR(vlan);
		/* A switch's own tunnel port: not in a VLAN with a vni. */
		err = port->tunnel ?
		      vnet_segment_vlans_check(port->vd, vlan, extack) : 0;
		if (err)
			goto free_vlan;
	}
	if (tb[VNET_PORT_POLICER]) {
		err = vnet_port_bind_policer(port, nla_data(tb[VNET_PORT_POLICER]),
					     extack);
		if (err)
			goto free_vlan;
	}
	err = vnet_port_security_set(port, tb, extack);
	if (err) {
		if (tb[VNET_PORT_POLICER])
			vnet_port_bind_policer(port, old ? old->name : "", NULL);
		goto free_vlan;
	}
	if (tb[VNET_PORT_VLAN])
		vnet_vlan_replace(&port->vlan, vlan);
	return 0;

free_vlan:
	kfree(vlan);
	return err;
}

/*
 * @port's VLANs changed (its pvid was @old_pvid). Once the frames judged
 * by the old ones are done (else they would learn again), what it learned
 * goes: forwarding entries (known unicast in a VLAN it left would be
 * dropped at its egress rather than flooded) and, with filtering, its
 * bindings; those its port security owns follow its pvid.
 */
static void vnet_port_vlans_changed(struct vnet_port *port, u16 old_pvid)
{
	struct vnet_dev *vd = port->vd;

	synchronize_net();
	vnet_fdb_flush_port_learned(vd, port);
	if (!vd->params.vlan_filtering)
		return;
	vnet_bindings_forget_learned(port);
	if (vnet_vlan_pvid(rtnl_dereference(port->vlan)) != old_pvid)
		vnet_bindings_port_security(port);
}

static void vnet_port_apply(struct vnet_port *port, struct nlattr **tb)
{
	if (tb[VNET_PORT_LEARNING])
		WRITE_ONCE(port->learning, nla_get_u8(tb[VNET_PORT_LEARNING]));
	if (tb[VNET_PORT_FLOOD])
		WRITE_ONCE(port->flood, nla_get_u8(tb[VNET_PORT_FLOOD]));
	if (tb[VNET_PORT_LEARNING_LIMIT])
		WRITE_ONCE(port->learning_limit,
			   nla_get_u32(tb[VNET_PORT_LEARNING_LIMIT]));
	if (tb[VNET_PORT_UP])
		WRITE_ONCE(port->up, nla_get_u8(tb[VNET_PORT_UP]));
	vnet_ra_apply(port, tb);
}

/*
 * A new port's settings from its PORT_NEW request @arg, applied before the
 * port is published: it never carries a frame unconfigured.
 */
static int vnet_port_setup(struct vnet_port *port, void *arg,
			   struct netlink_ext_ack *extack)
{
	struct nlattr **tb = arg;
	int err;

	if (tb[VNET_PORT_OWNS_LOWER] && nla_get_u8(tb[VNET_PORT_OWNS_LOWER])) {
		/* Deleting anything else with a port would surprise. */
		if (!port->lower || !is_vlan_dev(port->lower)) {
			NL_SET_ERR_MSG_ATTR(extack, tb[VNET_PORT_OWNS_LOWER],
					    "a port can own only a VLAN device");
			return -EINVAL;
		}
		port->owns_lower = true;
	}
	err = vnet_port_apply_checked(port, tb, extack);
	if (!err)
		vnet_port_apply(port, tb);
	return err;
}

/* The netdev @tb names by its @index attribute, else its @name one. */
static struct net_device *vnet_port_netdev(struct net *net, struct nlattr **tb,
					   int index, int name)
{
	if (tb[index])
		return __dev_get_by_index(net, nla_get_u32(tb[index]));
	return __dev_get_by_name(net, nla_data(tb[name]));
}

/* PORT_NEW for a patch: a port here and one on the peer device. */
static int vnet_port_new_patch(struct genl_info *info, struct vnet_dev *vd,
			       struct nlattr **tb)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vnet_port *ports[2];
	struct net_device *peer;
	int err;

	if (tb[VNET_PORT_LOWER_IFINDEX] || tb[VNET_PORT_LOWER_IFNAME]) {
		NL_SET_ERR_MSG(extack,
			       "a port is an endpoint or a patch, not both");
		return -EINVAL;
	}
	peer = vnet_port_netdev(genl_info_net(info), tb, VNET_PORT_PEER_IFINDEX,
				VNET_PORT_PEER_IFNAME);
	if (!peer || !vnet_dev_is_ours(peer)) {
		NL_SET_ERR_MSG(extack, "no such vnet device to patch to");
		return -ENODEV;
	}
	if (tb[VNET_PORT_ALLOW_MAC] || tb[VNET_PORT_ALLOW_IPS]) {
		NL_SET_ERR_MSG(extack, "port security is for endpoint ports");
		return -EOPNOTSUPP;
	}
	err = vnet_patch_create(vd, netdev_priv(peer),
				tb[VNET_PORT_NAME] ? nla_data(tb[VNET_PORT_NAME]) : NULL,
				tb[VNET_PORT_PEER_NAME] ?
				nla_data(tb[VNET_PORT_PEER_NAME]) : NULL,
				vnet_port_setup, tb, ports, extack);
	if (err)
		return err;
	vnet_genl_notify_port(ports[0], VNET_CMD_PORT_NEW);
	vnet_genl_notify_port(ports[1], VNET_CMD_PORT_NEW);
	return 0;
}

int vnet_nl_port_new(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct vnet_dev *vd = vnet_nl_dev(info);
	struct nlattr *tb[VNET_PORT_MAX + 1];
	struct net_device *lower;
	struct vnet_port *port;
	int err;

	err = vnet_port_attrs(info, tb);
	if (err)
		return err;
	if (tb[VNET_PORT_INDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_PORT_INDEX],
				    "the index of a new port cannot be chosen");
		return -EINVAL;
	}
	if (tb[VNET_PORT_PEER_IFINDEX] || tb[VNET_PORT_PEER_IFNAME])
		return vnet_port_new_patch(info, vd, tb);
	if (tb[VNET_PORT_PEER_NAME]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_PORT_PEER_NAME],
				    "a peer port name needs a peer device");
		return -EINVAL;
	}
	if (!tb[VNET_PORT_LOWER_IFINDEX] && !tb[VNET_PORT_LOWER_IFNAME]) {
		NL_SET_ERR_MSG(extack, "the endpoint's network device is required");
		return -EINVAL;
	}
	lower = vnet_port_netdev(genl_info_net(info), tb, VNET_PORT_LOWER_IFINDEX,
				 VNET_PORT_LOWER_IFNAME);
	if (!lower) {
		NL_SET_ERR_MSG(extack, "no such network device for the endpoint");
		return -ENODEV;
	}
	port = vnet_port_attach(vd, lower, tb[VNET_PORT_NAME] ?
				nla_data(tb[VNET_PORT_NAME]) : NULL,
				vnet_port_setup, tb, extack);
	if (IS_ERR(port))
		return PTR_ERR(port);
	vnet_genl_notify_port(port, VNET_CMD_PORT_NEW);
	return 0;
}

int vnet_nl_port_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_port *port = vnet_nl_port(info);

	if (port->tunnel) {
		NL_SET_ERR_MSG(info->extack,
			       "a segment's tunnel port goes with its vni: set the vni none");
		return -EBUSY;
	}
	vnet_port_remove(port);
	return 0;
}

int vnet_nl_port_set(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_port *port = vnet_nl_port(info);
	struct nlattr *tb[VNET_PORT_MAX + 1];
	u16 old_pvid;
	int err;

	/* Parsed once already, to find the port: cannot fail now. */
	err = vnet_port_attrs(info, tb);
	if (err)
		return err;
	if (tb[VNET_PORT_LOWER_IFINDEX] || tb[VNET_PORT_LOWER_IFNAME] ||
	    tb[VNET_PORT_PEER_IFINDEX] || tb[VNET_PORT_PEER_IFNAME] ||
	    tb[VNET_PORT_PEER_NAME] || tb[VNET_PORT_OWNS_LOWER]) {
		NL_SET_ERR_MSG(info->extack,
			       "what a port leads to (endpoint or patch) cannot be changed");
		return -EINVAL;
	}
	old_pvid = vnet_vlan_pvid(rtnl_dereference(port->vlan));
	err = vnet_port_apply_checked(port, tb, info->extack);
	if (err)
		return err;
	vnet_port_apply(port, tb);
	if (tb[VNET_PORT_VLAN])
		vnet_port_vlans_changed(port, old_pvid);
	if (tb[VNET_PORT_ALLOW_MAC] || tb[VNET_PORT_ALLOW_IPS])
		vnet_bindings_port_security(port);
	vnet_genl_notify_port(port, VNET_CMD_PORT_SET);
	return 0;
}

int vnet_nl_port_get(struct sk_buff *skb, struct genl_info *info)
{
	return vnet_msg_reply(info, vnet_port_msg_size(), VNET_CMD_PORT_GET,
			      vnet_nl_dev(info), vnet_port_fill_nest,
			      vnet_nl_port(info));
}

/* A device's ports; pos[0] counts those sent. */
int vnet_nl_port_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	long *sent = &vnet_dump(cb)->pos[0], idx = 0;
	struct vnet_port *port;
	struct vnet_dev *vd;
	int err = 0;

	rtnl_lock();
	vd = vnet_dump_dev(cb, 0);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
		goto out;
	}
	cb->seq = vd->port_gen;
	list_for_each_entry(port, &vd->ports, list) {
		if (idx++ < *sent)
			continue;
		err = vnet_dump_one(skb, cb, VNET_CMD_PORT_GET, vd,
				    vnet_port_fill_nest, port);
		if (err)
			break;
		*sent = idx;
	}
out:
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}

static int vnet_fdb_attrs(struct genl_info *info, struct nlattr **tb)
{
	int err;

	if (!info->attrs[VNET_ATTR_FDB]) {
		NL_SET_ERR_MSG(info->extack, "the forwarding entry is required");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, VNET_FDB_MAX, info->attrs[VNET_ATTR_FDB],
			       vnet_fdb_nl_policy, info->extack);
	if (err)
		return err;
	if (!tb[VNET_FDB_MAC]) {
		NL_SET_ERR_MSG(info->extack, "the MAC address is required");
		return -EINVAL;
	}
	if (!is_valid_ether_addr(nla_data(tb[VNET_FDB_MAC]))) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VNET_FDB_MAC],
				    "the MAC address must be a unicast, non-zero address");
		return -EINVAL;
	}
	if (tb[VNET_FDB_VLAN] && vnet_nl_dev(info)->kind != VNET_KIND_VSWITCH) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[VNET_FDB_VLAN],
				    "VLANs are a vswitch's");
		return -EOPNOTSUPP;
	}
	return 0;
}

/* The entry's VLAN: 0, the one without vlan-filtering, unless given. */
static u16 vnet_fdb_attr_vid(struct nlattr **tb)
{
	return tb[VNET_FDB_VLAN] ? nla_get_u16(tb[VNET_FDB_VLAN]) : 0;
}

/*
 * A static entry serves the switch as it is: in a VLAN of its port with
 * vlan-filtering, in none without. Under RTNL.
 */
static int vnet_fdb_check_vlan(struct vnet_dev *vd, struct vnet_port *port,
			       struct nlattr **tb,
			       struct netlink_ext_ack *extack)
{
	bool vlans = vd->params.vlan_filtering;

	if (vd->kind != VNET_KIND_VSWITCH)
		return 0;
	if (!vlans && tb[VNET_FDB_VLAN]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_FDB_VLAN],
				    "vlan-filtering is off: an entry has no VLAN");
		return -EINVAL;
	}
	if (vlans && !tb[VNET_FDB_VLAN]) {
		NL_SET_ERR_MSG(extack,
			       "vlan-filtering is on: the entry's VLAN is required");
		return -EINVAL;
	}
	if (vlans && !vnet_vlan_member(rtnl_dereference(port->vlan),
				       vnet_fdb_attr_vid(tb))) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VNET_FDB_VLAN],
				    "the port is not a member of that VLAN");
		return -EINVAL;
	}
	return 0;
}

int vnet_nl_fdb_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vnet_dev *vd = vnet_nl_dev(info);
	struct nlattr *tb[VNET_FDB_MAX + 1];
	struct vnet_port *port;
	int err;

	err = vnet_fdb_attrs(info, tb);
	if (err)
		return err;
	if (!tb[VNET_FDB_PORT] && !tb[VNET_FDB_PORT_NAME]) {
		NL_SET_ERR_MSG(info->extack, "the port is required");
		return -EINVAL;
	}
	port = vnet_port_find(vd, tb[VNET_FDB_PORT] ?
			      nla_get_u32(tb[VNET_FDB_PORT]) : 0,
			      tb[VNET_FDB_PORT] ? NULL :
			      nla_data(tb[VNET_FDB_PORT_NAME]));
	if (!port) {
		NL_SET_ERR_MSG(info->extack, "no such port");
		return -ENOENT;
	}
	err = vnet_fdb_check_vlan(vd, port, tb, info->extack);
	if (err)
		return err;
	return vnet_fdb_add_static(vd, port, nla_data(tb[VNET_FDB_MAC]),
				   vnet_fdb_attr_vid(tb), info->extack);
}

int vnet_nl_fdb_del(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *tb[VNET_FDB_MAX + 1];
	int err;

	err = vnet_fdb_attrs(info, tb);
	if (err)
		return err;
	return vnet_fdb_del(vnet_nl_dev(info), nla_data(tb[VNET_FDB_MAC]),
			    vnet_fdb_attr_vid(tb), info->extack);
}

int vnet_nl_fdb_flush(struct sk_buff *skb, struct genl_info *info)
{
	vnet_fdb_flush_learned(vnet_nl_dev(info));
	return 0;
}

/*
 * pos[0..2]: the cursor of vnet_fdb_dump(). Entries are appended, so only
 * a removal between two parts can make the cursor skip or repeat some:
 * cb->seq counts removals, and the dump is flagged when it moved.
 */
int vnet_nl_fdb_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vnet_dump_out out = {
		.skb = skb, .cb = cb, .cmd = VNET_CMD_FDB_GET,
	};
	struct vnet_dev *vd;
	int err;

	rtnl_lock();
	vd = vnet_dump_dev(cb, VNET_NL_FDB);
	if (IS_ERR(vd)) {
		err = PTR_ERR(vd);
	} else {
		out.vd = vd;
		cb->seq = vnet_dump_seq(READ_ONCE(vd->fdb.removals));
		err = vnet_fdb_dump(vd, vnet_dump(cb)->pos, vnet_dump_emit,
				    &out);
	}
	rtnl_unlock();
	return vnet_dump_end(skb, err);
}
