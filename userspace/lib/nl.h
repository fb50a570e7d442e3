/* SPDX-License-Identifier: LGPL-2.1 */
/* libvnet internals: one request/response engine over libnl-genl-3. */
#ifndef VNET_NL_H
#define VNET_NL_H

#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include "libvnet.h"
#include "policy_gen.h"

struct vnet_ctx {
	struct nl_sock *sk;
	int family;
	int err;
	char errmsg[512];
	unsigned int err_offset;	/* of the attribute the kernel blamed */
};

typedef int (*vnet_msg_cb)(struct nlattr **attrs, uint8_t cmd, void *arg);

struct nl_msg *vnet_msg_new(struct vnet_ctx *ctx, uint8_t cmd, int flags);
/* Send @msg (consumed), call @cb per reply message, wait for the ack/done. */
int vnet_request(struct vnet_ctx *ctx, struct nl_msg *msg, vnet_msg_cb cb,
		 void *arg);
/* The same on another netlink socket (rtnetlink's, vlan_dev.c). */
int vnet_request_on(struct vnet_ctx *ctx, struct nl_sock *sk,
		    struct nl_msg *msg, vnet_msg_cb cb, void *arg);
/*
 * vlan_dev.c: VLAN device @name (a name the kernel takes as it is), VLAN
 * @vid of @lower, made up; a device deleted by its index.
 */
int vnet_vlan_dev_make(struct vnet_ctx *ctx, const char *lower, uint16_t vid,
		       const char *name);
int vnet_vlan_dev_delete(struct vnet_ctx *ctx, int ifindex);
int vnet_set_error(struct vnet_ctx *ctx, int err, const char *msg);
void vnet_dev_info_parse(struct nlattr **attrs, struct vnet_dev_info *info);
bool vnet_addr_info_parse(struct nlattr **attrs, struct vnet_addr_info *info);
bool vnet_route_info_parse(struct nlattr **attrs, struct vnet_route_info *info);
bool vnet_stats_parse(struct nlattr *nest, struct vnet_dev_stats *s);
int vnet_vlan_put(struct nl_msg *msg, int attrtype,
		  const struct vnet_vlan_info *vl);
bool vnet_vlan_info_parse(struct nlattr *nest, struct vnet_vlan_info *vl);
struct nl_msg *vnet_dev_msg(struct vnet_ctx *ctx, uint8_t cmd, int flags,
			    const char *dev);

/* Refuses (ERANGE, with a message) digits past a 32-bit port index. */
int vnet_check_port(struct vnet_ctx *ctx, const char *port);
/* A port by index if all digits (vnet_check_port() first), else by name. */
int vnet_put_port(struct nl_msg *msg, int index_attr, int name_attr,
		  const char *port);
/*
 * An address: IPv4's @attr4 (4 bytes, network order) or, if @family is
 * AF_INET6, IPv6's @attr6 (16 bytes).
 */
int vnet_put_ip(struct nl_msg *msg, int attr4, int attr6, int family,
		const void *addr);
/*
 * The address a parsed nest holds, IPv4's @attr4 first, else IPv6's @attr6
 * (checked 16 bytes long by the policy): its family and the address, in
 * @addr or @addr6. -1 if it holds neither.
 */
int vnet_get_ip(struct nlattr **tb, int attr4, int attr6, int *family,
		uint32_t *addr, uint8_t *addr6);
/* A VNET_ATTR_NETWORK nest naming @net: its id if all digits, else name. */
int vnet_put_network(struct nl_msg *msg, const char *net);
/* The id and name of a VNET_ATTR_NETWORK nest a report carries. */
bool vnet_network_info_parse(struct nlattr **attrs,
			     struct vnet_network_info *info);
void vnet_network_ref_parse(struct nlattr *nest, uint32_t *id, char *name,
			    size_t len);

/*
 * A string attribute into @dst (@len bytes, always terminated), read no
 * further than the attribute: libnl does not check that the kernel's
 * strings end inside it.
 */
void vnet_nla_strcpy(char *dst, size_t len, const struct nlattr *attr);
/* Whether @attr holds a terminated string. */
bool vnet_nla_is_string(const struct nlattr *attr);


#endif
