// SPDX-License-Identifier: GPL-2.0
/*
 * A vrouter's NAT rules: a short RCU list in the order they were added
 * (a rule's index is its place, from 1), written under RTNL. A rule that
 * goes takes the connections it translated with it, after a grace period
 * in which no packet can make another: nothing is translated by a rule
 * that is gone.
 */
#include <linux/inetdevice.h>
#include "vnet.h"

/* The route @addr takes, if it is the router's own or on a subnet. */
static const struct vnet_route *vnet_nat_route(struct vnet_dev *vd,
					       __be32 addr)
{
	const struct vnet_route *rt = vnet_lpm_lookup(&vd->router.routes, addr);

	if (rt && (rt->type == VNET_ROUTE_TYPE_LOCAL ||
		   rt->type == VNET_ROUTE_TYPE_CONNECTED))
		return rt;
	return NULL;
}

/* Check @req against the rules there are; fill in what it implies. */
static int vnet_nat_check(struct vnet_dev *vd, struct vnet_nat_rule *req,
			  struct netlink_ext_ack *extack)
{
	const struct vnet_nat_rule *rule;
	const struct vnet_route *rt;

	switch (req->type) {
	case VNET_NAT_TYPE_MASQUERADE:
	case VNET_NAT_TYPE_SNAT:
		if (!req->out) {
			NL_SET_ERR_MSG(extack, "masquerade and snat need an out port");
			return -EINVAL;
		}
		req->src &= htonl(vnet_prefix_mask(req->src_len));
		if (req->type == VNET_NAT_TYPE_SNAT) {
			if (!req->to_min) {
				NL_SET_ERR_MSG(extack, "snat needs an address to translate to");
				return -EINVAL;
			}
			req->to_max = req->to_max ?: req->to_min;
			if (!vnet_ip4_host(req->to_min) ||
			    !vnet_ip4_host(req->to_max) ||
			    ntohl(req->to_max) < ntohl(req->to_min)) {
				NL_SET_ERR_MSG(extack,
					       "snat needs unicast addresses, the first the lowest");
				return -EINVAL;
			}
		}
		if (!req->port_min && !req->port_max) {
			req->port_min = 1024;
			req->port_max = 65535;
		}
		if (!req->port_min || req->port_max < req->port_min) {
			NL_SET_ERR_MSG(extack, "the port range is empty");
			return -EINVAL;
		}
		return 0;
	case VNET_NAT_TYPE_FORWARD:
		if (req->proto != IPPROTO_TCP && req->proto != IPPROTO_UDP) {
			NL_SET_ERR_MSG(extack, "a forward is of proto tcp or udp");
			return -EINVAL;
		}
		if (!req->port || !req->to_port) {
			NL_SET_ERR_MSG(extack, "a forward needs its outside and inside ports");
			return -EINVAL;
		}
		fallthrough;
	case VNET_NAT_TYPE_FLOATING:
		break;
	default:
		NL_SET_ERR_MSG(extack, "no such NAT type");
		return -EINVAL;
	}
	if (!vnet_ip4_host(req->addr) || !vnet_ip4_host(req->inside)) {
		NL_SET_ERR_MSG(extack, "the outside and inside addresses must be unicast");
		return -EINVAL;
	}
	rt = vnet_nat_route(vd, req->addr);
	if (!rt) {
		NL_SET_ERR_MSG(extack, "the outside address is on no port's subnet");
		return -EADDRNOTAVAIL;
	}
	if (rt->type == VNET_ROUTE_TYPE_LOCAL &&
	    req->type == VNET_NAT_TYPE_FLOATING) {
		NL_SET_ERR_MSG(extack, "the address is already in use: it is the router's own");
		return -EADDRINUSE;
	}
	/* The port the outside address is on: ARP is answered there. */
	req->out = rt->port;
	list_for_each_entry(rule, &vd->router.nat, list) {
		if (rule->addr != req->addr)
			continue;
		if (rule->type == VNET_NAT_TYPE_FORWARD &&
		    req->type == VNET_NAT_TYPE_FORWARD) {
			if (rule->proto == req->proto && rule->port == req->port) {
				NL_SET_ERR_MSG(extack,
					       "that address and port are already forwarded");
				return -EEXIST;
			}
			continue;
		}
		NL_SET_ERR_MSG(extack,
			       "the address is already in use by another rule");
		return -EADDRINUSE;
	}
	return 0;
}

int vnet_nat_add(struct vnet_dev *vd, const struct vnet_nat_rule *req,
		 struct netlink_ext_ack *extack)
{
	struct vnet_router *r = &vd->router;
	struct vnet_nat_rule *rule;
	int err;

	ASSERT_RTNL();
	if (!vd->params.conntrack) {
		NL_SET_ERR_MSG(extack, "NAT needs conntrack on");
		return -EOPNOTSUPP;
	}
	if (r->nat_count >= VNET_NAT_LIMIT) {
		NL_SET_ERR_MSG(extack, "too many NAT rules (VNET_NAT_LIMIT)");
		return -ENOSPC;
	}
	rule = kmemdup(req, sizeof(*rule), GFP_KERNEL_ACCOUNT);
	if (!rule)
		return -ENOMEM;
	err = vnet_nat_check(vd, rule, extack);
	if (err) {
		kfree(rule);
		return err;
	}
	rule->id = ++r->nat_serial;
	atomic64_set(&rule->conns, 0);
	list_add_tail_rcu(&rule->list, &r->nat);
	WRITE_ONCE(r->nat_count, r->nat_count + 1);
	return 0;
}

/* Rules whose connections one walk of the table ends. */
#define VNET_NAT_FREE_BATCH	32

/*
 * Free the rules on @gone, and the connections they translated, once no
 * packet can still be using them.
 */
static void vnet_nat_free(struct vnet_dev *vd, struct list_head *gone)
{
	/* None left: every translated connection goes, in one walk. When
	 * the device goes, none: the table goes with it.
	 */
	bool going = vnet_dev_going(vd), all = !vd->router.nat_count;
	u64 ids[VNET_NAT_FREE_BATCH];
	struct vnet_nat_rule *rule, *tmp;
	unsigned int n = 0;

	if (list_empty(gone))
		return;
	if (!going)
		synchronize_net();
	list_for_each_entry_safe(rule, tmp, gone, gone) {
		ids[n++] = rule->id;
		list_del(&rule->gone);
		kfree(rule);
		/* One walk of the table for many rules. */
		if (n == ARRAY_SIZE(ids)) {
			if (!going && !all)
				vnet_ct_flush_nat(vd, ids, n);
			n = 0;
		}
	}
	if (going)
		return;
	if (all)
		vnet_ct_flush_nat(vd, ids, 0);
	else if (n)
		vnet_ct_flush_nat(vd, ids, n);
}

static void vnet_nat_unlink(struct vnet_dev *vd, struct vnet_nat_rule *rule,
			    struct list_head *gone)
{
	list_del_rcu(&rule->list);
	WRITE_ONCE(vd->router.nat_count, vd->router.nat_count - 1);
	vd->router.nat_gen++;
	/* Lookups check again the rules of what they find: one that reads
	 * the new epoch no longer finds the rule.
	 */
	smp_store_release(&vd->router.nat_epoch, vd->router.nat_epoch + 1);
	/* Readers may still walk past it: it keeps its next pointer. */
	list_add_tail(&rule->gone, gone);
}

int vnet_nat_del(struct vnet_dev *vd, u32 index,
		 struct netlink_ext_ack *extack)
{
	struct vnet_nat_rule *rule;
	LIST_HEAD(gone);
	u32 i = 0;

	ASSERT_RTNL();
	list_for_each_entry(rule, &vd->router.nat, list) {
		if (++i == index) {
			vnet_nat_unlink(vd, rule, &gone);
			vnet_nat_free(vd, &gone);
			return 0;
		}
	}
	NL_SET_ERR_MSG(extack, "no NAT rule at that index");
	return -ENOENT;
}

void vnet_nat_flush(struct vnet_dev *vd)
{
	struct vnet_nat_rule *rule, *tmp;
	LIST_HEAD(gone);

	ASSERT_RTNL();
	list_for_each_entry_safe(rule, tmp, &vd->router.nat, list)
		vnet_nat_unlink(vd, rule, &gone);
	vnet_nat_free(vd, &gone);
}

/* Rules naming @port go with it. */
void vnet_nat_port_removed(struct vnet_dev *vd, struct vnet_port *port)
{
	struct vnet_nat_rule *rule, *tmp;
	LIST_HEAD(gone);

	ASSERT_RTNL();
	list_for_each_entry_safe(rule, tmp, &vd->router.nat, list)
		if (rule->out == port)
			vnet_nat_unlink(vd, rule, &gone);
	vnet_nat_free(vd, &gone);
}
