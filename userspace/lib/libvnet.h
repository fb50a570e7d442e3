/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * libvnet: drive the vnet kernel module over its generic netlink family.
 *
 * The verbs follow the objects: create a device, set its parameters,
 * start it, show it, delete it. Every call returns 0 or a negative errno;
 * vnet_errmsg() then holds the kernel's extack message when it gave one.
 */
#ifndef LIBVNET_H
#define LIBVNET_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>
#include <linux/vnet.h>
#include "params.h"

struct vnet_ctx;
struct nlattr;

struct vnet_ctx *vnet_open(void);
void vnet_close(struct vnet_ctx *ctx);
const char *vnet_errmsg(const struct vnet_ctx *ctx);

/* Counters indexed by enum vnet_stats. */
struct vnet_dev_stats {
	uint64_t c[VNET_STATS_MAX + 1];
};

/* The names counters are printed and reported under, by enum vnet_stats. */
const char *vnet_stats_name(int which);
/* Whether devices of @kind count @which (VNET_KIND_UNSPEC: any kind). */
bool vnet_stats_of_kind(int which, enum vnet_kind kind);
/* Whether @which counts packets dropped, by one reason. */
bool vnet_stats_is_drop(int which);

/* A device as the kernel reports it. */
/*
 * A vswitch port's VLANs, or its host side's (vlan-filtering): mode, an
 * enum vnet_vlan_mode; vid, an access port's VLAN or a trunk's native one
 * (0: none); trunk, a trunk's tagged VLANs, bit N % 8 of byte N / 8 for N.
 */
struct vnet_vlan_info {
	int mode;
	uint16_t vid;
	uint8_t trunk[VNET_VLAN_BITMAP_LEN];
};

/* "10,20-30" into a VLAN set (cleared first); -1 if malformed. */
int vnet_vlan_ids_parse(const char *str, uint8_t *bits);
/* A VLAN set as "10,20-30" ("" if empty); -1 if @len is too short. */
int vnet_vlan_ids_format(const uint8_t *bits, char *buf, size_t len);
/* "none", "access", "trunk". */
const char *vnet_vlan_mode_name(int mode);

/* A VLAN of a vswitch and the vni that carries it across hosts. */
struct vnet_vlan_vni {
	uint16_t vid;
	uint32_t vni;
};

struct vnet_dev_info {
	uint32_t ifindex;
	char name[IF_NAMESIZE];
	enum vnet_kind kind;
	bool up, running;
	uint32_t mtu;
	uint8_t address[6];
	uint32_t params_present;		/* bit per VNET_PARAM_* */
	uint32_t params[VNET_PARAM_MAX + 1];
	bool has_stats;
	struct vnet_dev_stats stats;
	uint32_t network_id;
	char network[VNET_NETWORK_NAMSIZ];
	uint32_t vni;				/* a vswitch's segment; 0: none */
	bool has_host_vlan;			/* set: not VLAN 1's access */
	struct vnet_vlan_info host_vlan;
	unsigned int n_vlan_vnis;		/* VLANs with a vni, by VLAN */
	struct vnet_vlan_vni vlan_vnis[VNET_VLAN_VNI_LIMIT];
};

/* What a create or set request changes; zero-initialise, then fill. */
struct vnet_dev_config {
	enum vnet_kind kind;			/* create only */
	const char *network;			/* NULL: default or unchanged */
	uint32_t mtu;				/* 0: unchanged */
	int up;					/* -1: unchanged, 0 stop, 1 start */
	uint32_t params_present;		/* bit per VNET_PARAM_* */
	uint32_t params[VNET_PARAM_MAX + 1];
	bool has_vni;
	uint32_t vni;				/* 0: none (set only) */
	bool set_host_vlan;			/* set only: a vswitch's */
	struct vnet_vlan_info host_vlan;
	bool has_vlan_vni;			/* one VLAN's vni */
	struct vnet_vlan_vni vlan_vni;		/* vni 0: none (set only) */
};

void vnet_dev_config_init(struct vnet_dev_config *cfg);
int vnet_dev_config_param(struct vnet_dev_config *cfg, enum vnet_kind kind,
			  const char *name, const char *value,
			  char *err, size_t errlen);

int vnet_dev_create(struct vnet_ctx *ctx, const char *name,
		    const struct vnet_dev_config *cfg);
int vnet_dev_set(struct vnet_ctx *ctx, const char *name,
		 const struct vnet_dev_config *cfg);
int vnet_dev_start(struct vnet_ctx *ctx, const char *name);
int vnet_dev_stop(struct vnet_ctx *ctx, const char *name);
int vnet_dev_delete(struct vnet_ctx *ctx, const char *name);
int vnet_dev_get(struct vnet_ctx *ctx, const char *name,
		 struct vnet_dev_info *info);

typedef int (*vnet_dev_cb)(const struct vnet_dev_info *info, void *arg);
/* Calls @cb for every device of the namespace; a non-zero return stops. */
int vnet_dev_list(struct vnet_ctx *ctx, vnet_dev_cb cb, void *arg);

/* A port as the kernel reports it. */
struct vnet_port_info {
	uint32_t dev_ifindex;
	char dev_name[IF_NAMESIZE];
	uint32_t index;
	char name[IF_NAMESIZE];
	uint32_t lower_ifindex;
	char lower_name[IF_NAMESIZE];
	char peer_dev[IF_NAMESIZE];		/* a patch: the device across */
	char peer_port[IF_NAMESIZE];		/* and its port there */
	/*
	 * Bit per VNET_PORT_* of vnet_port_param_table, with its value: a
	 * vrouter port's VNET_PORT_RA (0/1), _RA_INTERVAL and _RA_LIFETIME
	 * (seconds) too, set for those alone.
	 */
	uint32_t params_present;
	uint32_t params[VNET_PORT_MAX + 1];
	bool has_stats;
	struct vnet_dev_stats stats;
	bool has_allow_mac;
	uint8_t allow_mac[6];
	int n_allow_ip;
	char allow_ip[VNET_ALLOW_IPS_MAX][48];	/* as text */
	char policer[VNET_NETWORK_NAMSIZ];	/* "": none */
	uint8_t address[6];			/* the port's own MAC */
	bool has_learned;
	uint32_t learned;			/* learned fdb entries on it */
	bool tunnel;				/* a segment's tunnel port */
	bool has_vlan;				/* set: not VLAN 1's access */
	struct vnet_vlan_info vlan;
	bool owns_lower;			/* its VLAN device goes with it */
};

/*
 * Port settings beyond the flags: port security and the policer. Call
 * vnet_port_config_init() first; what is left alone stays as it is.
 */
struct vnet_port_config {
	/* Bit per VNET_PORT_* of vnet_port_param_table (RA's included). */
	uint32_t params_present;
	uint32_t params[VNET_PORT_MAX + 1];
	bool set_allow_mac;
	uint8_t allow_mac[6];			/* all zero: any MAC */
	int n_allow_ip;				/* -1 unchanged, 0 any address */
	struct {
		int family;			/* AF_INET or AF_INET6 */
		uint8_t addr[16];
	} allow_ip[VNET_ALLOW_IPS_MAX];
	const char *policer;			/* NULL unchanged, "" none */
	bool set_vlan;				/* a vswitch port's VLANs */
	struct vnet_vlan_info vlan;
};

void vnet_port_config_init(struct vnet_port_config *cfg);
/* Adds "A.B.C.D" or an IPv6 address to @cfg's allowed sources. */
int vnet_port_config_allow_ip(struct vnet_port_config *cfg, const char *addr);
int vnet_port_configure(struct vnet_ctx *ctx, const char *dev,
			const char *port, const struct vnet_port_config *cfg);

/* A port is named by its name or, if all digits, its index. */
int vnet_port_add(struct vnet_ctx *ctx, const char *dev, const char *lower,
		  const char *name, uint32_t params_present,
		  const uint32_t *params);
/* A patch: a port on @dev and one on @peer_dev, joined (names optional). */
int vnet_patch_add(struct vnet_ctx *ctx, const char *dev, const char *peer_dev,
		   const char *name, const char *peer_name,
		   uint32_t params_present, const uint32_t *params);
/* The same, published with @cfg's settings on from its first frame. */
int vnet_port_add_config(struct vnet_ctx *ctx, const char *dev,
			 const char *lower, const char *name,
			 const struct vnet_port_config *cfg);
int vnet_patch_add_config(struct vnet_ctx *ctx, const char *dev,
			  const char *peer_dev, const char *name,
			  const char *peer_name,
			  const struct vnet_port_config *cfg);
/*
 * A port on VLAN @vid of @lower: the VLAN device @name (NULL: "LOWER.VID")
 * is made, up, and added as the port (with @cfg's settings, or none),
 * which owns it: deleting the port deletes it. If the port cannot be
 * added, the device is deleted again.
 */
int vnet_port_add_vlan(struct vnet_ctx *ctx, const char *dev,
		       const char *lower, uint16_t vid, const char *name,
		       const struct vnet_port_config *cfg);
int vnet_port_set(struct vnet_ctx *ctx, const char *dev, const char *port,
		  uint32_t params_present, const uint32_t *params);
int vnet_port_delete(struct vnet_ctx *ctx, const char *dev, const char *port);
typedef int (*vnet_port_cb)(const struct vnet_port_info *info, void *arg);
int vnet_port_list(struct vnet_ctx *ctx, const char *dev, vnet_port_cb cb,
		   void *arg);
void vnet_port_info_parse(struct nlattr **attrs, struct vnet_port_info *info);

struct vnet_fdb_info {
	uint32_t dev_ifindex;
	uint8_t mac[6];
	uint32_t port;
	char port_name[IF_NAMESIZE];
	bool is_static;
	uint32_t age_ms;
	uint16_t vlan;				/* 0: none */
};

int vnet_fdb_add(struct vnet_ctx *ctx, const char *dev, const uint8_t *mac,
		 const char *port);
int vnet_fdb_delete(struct vnet_ctx *ctx, const char *dev, const uint8_t *mac);
/* The same in VLAN @vlan of a vswitch with vlan-filtering (0: none). */
int vnet_fdb_add_vlan(struct vnet_ctx *ctx, const char *dev, const uint8_t *mac,
		      const char *port, uint16_t vlan);
int vnet_fdb_delete_vlan(struct vnet_ctx *ctx, const char *dev,
			 const uint8_t *mac, uint16_t vlan);
int vnet_fdb_flush(struct vnet_ctx *ctx, const char *dev);
typedef int (*vnet_fdb_cb)(const struct vnet_fdb_info *info, void *arg);
int vnet_fdb_list(struct vnet_ctx *ctx, const char *dev, vnet_fdb_cb cb,
		  void *arg);
/* "aa:bb:cc:dd:ee:ff" -> bytes; -1 if malformed. */
int vnet_mac_parse(const char *str, uint8_t *mac);

/*
 * IPv4 addresses are in network byte order throughout, IPv6 ones 16 bytes
 * as on the wire. A vrouter's addresses, routes and neighbours have a
 * family: AF_INET6 for IPv6, in the fields ending in 6; anything else (a
 * zeroed struct too) is IPv4.
 */

/* "A.B.C.D/LEN", "A.B.C.D" (a /32 unless @need_len) or "default"; -1 if
 * malformed.
 */
int vnet_prefix_parse(const char *str, uint32_t *addr, uint8_t *plen,
		      bool need_len);
/* An IPv6 prefix ("2001:db8::/32", a bare address is a /128); -1 if bad. */
int vnet_prefix6_parse(const char *str, uint8_t *addr, uint8_t *plen,
		       bool need_len);

struct vnet_addr_info {
	char dev_name[IF_NAMESIZE];
	int family;				/* AF_INET6, else IPv4 */
	uint32_t addr;
	uint8_t addr6[16];
	uint8_t plen;				/* 1..32, IPv6 1..128 */
	uint32_t port;
	char port_name[IF_NAMESIZE];
};

/* @port: a name (VNET_HOST_PORT is the device's own) or an index. */
int vnet_addr_add(struct vnet_ctx *ctx, const char *dev, uint32_t addr,
		  uint8_t plen, const char *port);
int vnet_addr_delete(struct vnet_ctx *ctx, const char *dev, uint32_t addr,
		     uint8_t plen, const char *port);
/* The same for an IPv6 address, @addr6 16 bytes. */
int vnet_addr6_add(struct vnet_ctx *ctx, const char *dev,
		   const uint8_t *addr6, uint8_t plen, const char *port);
int vnet_addr6_delete(struct vnet_ctx *ctx, const char *dev,
		      const uint8_t *addr6, uint8_t plen, const char *port);
typedef int (*vnet_addr_cb)(const struct vnet_addr_info *info, void *arg);
int vnet_addr_list(struct vnet_ctx *ctx, const char *dev, vnet_addr_cb cb,
		   void *arg);

/*
 * A route: IPv4 in dst and gateway, IPv6 (@family AF_INET6) in dst6 and
 * gateway6; a link-local IPv6 gateway (fe80::/10) needs its port.
 */
struct vnet_route_info {
	char dev_name[IF_NAMESIZE];		/* reported */
	int family;				/* AF_INET6, else IPv4 */
	uint32_t dst;
	uint8_t dst6[16];
	uint8_t plen;				/* 0..32, IPv6 0..128 */
	uint32_t gateway;			/* 0: none */
	uint8_t gateway6[16];			/* all zero (::): none */
	uint32_t port;
	char port_name[IF_NAMESIZE];		/* "": none (in requests) */
	int type;				/* enum vnet_route_type */
};

int vnet_route_add(struct vnet_ctx *ctx, const char *dev,
		   const struct vnet_route_info *rt);
int vnet_route_delete(struct vnet_ctx *ctx, const char *dev,
		      const struct vnet_route_info *rt);
typedef int (*vnet_route_cb)(const struct vnet_route_info *info, void *arg);
/* The route @addr matches (longest prefix). */
int vnet_route_get(struct vnet_ctx *ctx, const char *dev, uint32_t addr,
		   vnet_route_cb cb, void *arg);
/* The route the IPv6 address @addr6 (16 bytes) matches. */
int vnet_route6_get(struct vnet_ctx *ctx, const char *dev,
		    const uint8_t *addr6, vnet_route_cb cb, void *arg);
int vnet_route_list(struct vnet_ctx *ctx, const char *dev, vnet_route_cb cb,
		    void *arg);
const char *vnet_route_type_name(int type);

/* A neighbour: IPv4 (ARP) in addr, IPv6 (@family AF_INET6) in addr6. */
struct vnet_neigh_info {
	int family;				/* AF_INET6, else IPv4 */
	uint32_t addr;
	uint8_t addr6[16];
	bool has_mac;
	uint8_t mac[6];
	uint32_t port;
	char port_name[IF_NAMESIZE];
	int state;				/* enum vnet_neigh_state */
	uint32_t age_ms;
	uint32_t queued;
};

typedef int (*vnet_neigh_cb)(const struct vnet_neigh_info *info, void *arg);
int vnet_neigh_list(struct vnet_ctx *ctx, const char *dev, vnet_neigh_cb cb,
		    void *arg);
int vnet_neigh_flush(struct vnet_ctx *ctx, const char *dev);
/* A permanent neighbour: @addr (network order) at @mac on @port. */
int vnet_neigh_add(struct vnet_ctx *ctx, const char *dev, uint32_t addr,
		   const uint8_t *mac, const char *port);
int vnet_neigh_delete(struct vnet_ctx *ctx, const char *dev, uint32_t addr);
/*
 * The same for an IPv6 neighbour, @addr6 16 bytes. Deleting a link-local
 * one (fe80::/10) takes its @port, as one address may be a neighbour on
 * two ports; @port NULL: none given.
 */
int vnet_neigh6_add(struct vnet_ctx *ctx, const char *dev,
		    const uint8_t *addr6, const uint8_t *mac, const char *port);
int vnet_neigh6_delete(struct vnet_ctx *ctx, const char *dev,
		       const uint8_t *addr6, const char *port);
const char *vnet_neigh_state_name(int state);

/*
 * A vfirewall rule; @present has a bit per VNET_RULE_* given. Its prefixes
 * are IPv4 (VNET_RULE_SRC, _DST: src, dst) or IPv6 (VNET_RULE_SRC6, _DST6:
 * src6, dst6), one family per rule; src_len and dst_len serve both.
 */
struct vnet_rule {
	uint32_t present;
	uint32_t index;
	char in[IF_NAMESIZE], out[IF_NAMESIZE];
	uint32_t src, dst;
	uint8_t src6[16], dst6[16];
	uint8_t src_len, dst_len, proto, icmp_type, action, state;
	uint16_t sport_min, sport_max, dport_min, dport_max;
	uint16_t vlan;					/* VNET_RULE_VLAN */
	uint64_t packets, bytes;			/* reported */
};

/* The "rule add" arguments after DEV; -1 with a message in @err. */
int vnet_rule_parse(int argc, char **argv, struct vnet_rule *r, char *err,
		    size_t errlen);
const char *vnet_action_name(int action);
/* An IP protocol as rules take it: tcp, udp, icmp, icmpv6, else its number. */
const char *vnet_proto_name(uint8_t proto, char *buf, size_t len);
const char *vnet_conn_state_name(int state);	/* enum vnet_conn_state */
int vnet_rule_add(struct vnet_ctx *ctx, const char *dev,
		  const struct vnet_rule *r);
int vnet_rule_delete(struct vnet_ctx *ctx, const char *dev, uint32_t index);
int vnet_rule_flush(struct vnet_ctx *ctx, const char *dev);
int vnet_rule_replace(struct vnet_ctx *ctx, const char *dev,
		      const struct vnet_rule *rules, int count, int *bad);
typedef int (*vnet_rule_cb)(const struct vnet_rule *r, void *arg);
int vnet_rule_list(struct vnet_ctx *ctx, const char *dev, vnet_rule_cb cb,
		   void *arg);

/*
 * A tracked connection of a vfirewall or a vrouter, as its opening packet
 * named it: IPv4 in src and dst, IPv6 (@family AF_INET6) in src6 and dst6.
 * One a vrouter's NAT translated (IPv4 only) has @has_reply, and the
 * addresses and ports its replies carry as they arrive at the router.
 */
struct vnet_conn_info {
	uint8_t proto;
	int family;				/* AF_INET6, else IPv4 */
	uint32_t src, dst;			/* network order */
	uint8_t src6[16], dst6[16];
	uint16_t sport, dport;			/* ICMP: the echo id in sport */
	int tcp_state;				/* enum vnet_tcp_state */
	bool replied;
	uint32_t timeout_ms;
	uint64_t packets;
	bool has_reply;				/* translated */
	uint32_t reply_src, reply_dst;		/* network order */
	uint16_t reply_sport, reply_dport;	/* ICMP: the echo id in sport */
	uint16_t vlan;				/* 802.1Q VLAN; 0 none */
};

typedef int (*vnet_conn_cb)(const struct vnet_conn_info *info, void *arg);
int vnet_conn_list(struct vnet_ctx *ctx, const char *dev, vnet_conn_cb cb,
		   void *arg);
int vnet_conn_flush(struct vnet_ctx *ctx, const char *dev);
const char *vnet_tcp_state_name(int state);

/*
 * A vrouter's NAT rule, IPv4; which fields a rule uses depends on its
 * @type (enum vnet_nat_type):
 *   masquerade: out_port_name, [src/src_len], [port_min-port_max]
 *   snat:       out_port_name, to_min[-to_max], [src/src_len],
 *               [port_min-port_max]
 *   floating:   addr, inside
 *   forward:    proto (6 or 17), addr and port, inside and to_port
 * In a request, a field left 0 is not sent: src_len 0 is any source,
 * to_max 0 is to_min alone, port_min 0 the kernel's 1024-65535.
 * out_port_name is a port's name or, if all digits, its index. Addresses
 * in network order, ports in host order.
 */
struct vnet_nat_rule {
	uint32_t index;				/* reported: from 1 */
	int type;				/* enum vnet_nat_type */
	uint32_t out_port;			/* reported */
	char out_port_name[IF_NAMESIZE];
	uint32_t src;
	uint8_t src_len;
	uint32_t to_min, to_max;
	uint16_t port_min, port_max;
	uint32_t addr, inside;
	uint8_t proto;
	uint16_t port, to_port;
	uint64_t conns;				/* reported: translated */
};

/* "masquerade", "snat", "floating", "forward"; "unknown" for others. */
const char *vnet_nat_type_name(int type);
int vnet_nat_add(struct vnet_ctx *ctx, const char *dev,
		 const struct vnet_nat_rule *r);
/* Deleting rules ends the connections they translated. */
int vnet_nat_delete(struct vnet_ctx *ctx, const char *dev, uint32_t index);
int vnet_nat_flush(struct vnet_ctx *ctx, const char *dev);
typedef int (*vnet_nat_cb)(const struct vnet_nat_rule *r, void *arg);
int vnet_nat_list(struct vnet_ctx *ctx, const char *dev, vnet_nat_cb cb,
		  void *arg);

/*
 * A monitor event: the command (VNET_CMD_*_NEW, _DEL or _SET) and the one
 * object it is about; the other pointers are NULL. An event with cmd 0 and
 * @lost set says the socket overflowed: events were lost before the next.
 */
struct vnet_event {
	uint8_t cmd;
	bool lost;
	const struct vnet_dev_info *dev;
	const struct vnet_port_info *port;
	const struct vnet_addr_info *addr;
	const struct vnet_route_info *route;
	const struct vnet_network_info *network;
};

/* A network as the kernel reports it. */
struct vnet_network_info {
	uint32_t id;
	char name[VNET_NETWORK_NAMSIZ];
	uint32_t mtu;				/* 0: none */
	char description[VNET_DESCRIPTION_SIZE];
	bool up;				/* every device started */
	uint32_t devices, policers;
	uint32_t limit[VNET_QUOTA_MAX + 1];	/* VNET_QUOTA_UNLIMITED: none */
	uint32_t used[VNET_QUOTA_MAX + 1];
	uint64_t denied[VNET_QUOTA_MAX + 1];
	/* Across hosts: the underlay on this host ("": none), as text. */
	char underlay[IF_NAMESIZE];
	char local[48];
	uint16_t vxlan_port;
	int nhosts;
	char hosts[VNET_HOSTS_MAX][48];
};

/* An underlay address, IPv4 or IPv6 (family 0: none). */
struct vnet_ul_addr {
	int family;
	uint8_t addr[16];
};

/* What a network create or set changes; vnet_network_config_init() first. */
struct vnet_network_config {
	bool has_id;
	uint32_t id;				/* create only */
	bool has_mtu;
	uint32_t mtu;
	const char *description;		/* NULL: unchanged */
	int up;					/* -1 unchanged, 0 stop, 1 start */
	uint32_t quota_present;			/* bit per VNET_QUOTA_* */
	uint32_t quota[VNET_QUOTA_MAX + 1];
	const char *underlay;			/* NULL: unchanged; "": none */
	struct vnet_ul_addr local;		/* family 0: unchanged */
	bool has_vxlan_port;
	uint16_t vxlan_port;
};

/* A network is named by its name or, if all digits, its id. */
void vnet_network_config_init(struct vnet_network_config *cfg);
/*
 * "id", "mtu", "description", "underlay", "local" or "port" (VXLAN's UDP
 * port) and its value; -1 with a message.
 */
int vnet_network_config_param(struct vnet_network_config *cfg,
			      const char *name, const char *value,
			      char *err, size_t errlen);
int vnet_network_create(struct vnet_ctx *ctx, const char *name,
			const struct vnet_network_config *cfg);
int vnet_network_set(struct vnet_ctx *ctx, const char *net,
		     const struct vnet_network_config *cfg);
int vnet_network_start(struct vnet_ctx *ctx, const char *net);
int vnet_network_stop(struct vnet_ctx *ctx, const char *net);
int vnet_network_delete(struct vnet_ctx *ctx, const char *net, bool force);
int vnet_network_get(struct vnet_ctx *ctx, const char *net,
		     struct vnet_network_info *info);
typedef int (*vnet_network_cb)(const struct vnet_network_info *info,
			       void *arg);
int vnet_network_list(struct vnet_ctx *ctx, vnet_network_cb cb, void *arg);
/* Another host of a network, by its underlay address (text). */
int vnet_network_host_add(struct vnet_ctx *ctx, const char *net,
			  const char *addr);
int vnet_network_host_delete(struct vnet_ctx *ctx, const char *net,
			     const char *addr);

/* Quotas: "ports", "fdb", "routes", "neigh", "rules", "conns". */
const char *vnet_quota_name(int quota);
int vnet_quota_parse(const char *name);		/* VNET_QUOTA_*, or -1 */
/* A quota value: a number or "unlimited"; -1 with a message. */
int vnet_quota_value_parse(const char *str, uint32_t *val, char *err,
			   size_t errlen);
int vnet_quota_set(struct vnet_ctx *ctx, const char *net, uint32_t present,
		   const uint32_t *limits);

/* A policer, a network's token bucket that ports bind to. */
struct vnet_policer_info {
	uint32_t network_id;
	char network[VNET_NETWORK_NAMSIZ];
	char name[VNET_NETWORK_NAMSIZ];
	uint64_t rate;				/* bytes per second */
	uint32_t burst;				/* bytes */
	uint32_t ports;
	uint64_t passed_packets, passed_bytes;
	uint64_t dropped_packets, dropped_bytes;
};

/* "10mbit", "1gbit", "500kbit", "100bit", "2mbps" (bytes), as tc(8). */
int vnet_rate_parse(const char *str, uint64_t *bytes_per_sec);
/* "32k", "1m", "20000" bytes (a "b" suffix is allowed). */
int vnet_size_parse(const char *str, uint32_t *bytes);
const char *vnet_rate_format(uint64_t bytes_per_sec, char *buf, size_t len);
/*
 * @burst 0: the kernel's default (a 50th of a second, at least 64 KiB);
 * for set, unchanged unless the rate changes.
 */
int vnet_policer_add(struct vnet_ctx *ctx, const char *net, const char *name,
		     uint64_t rate, uint32_t burst);
int vnet_policer_set(struct vnet_ctx *ctx, const char *net, const char *name,
		     uint64_t rate, uint32_t burst);
int vnet_policer_delete(struct vnet_ctx *ctx, const char *net,
			const char *name);
typedef int (*vnet_policer_cb)(const struct vnet_policer_info *info,
			       void *arg);
/* The policers of @net, or of every network if NULL. */
int vnet_policer_list(struct vnet_ctx *ctx, const char *net,
		      vnet_policer_cb cb, void *arg);

/*
 * The seed's verbs by name and value: "ageing" "600" for a vswitch,
 * "network" "blue" to move a device; "mtu" or "description" for a network;
 * a policer allocated with a rate ("10mbit"), its "rate" or "burst" set,
 * its usage read.
 */
int vnet_dev_set_param(struct vnet_ctx *ctx, const char *dev,
		       const char *param, const char *value);
int vnet_network_set_param(struct vnet_ctx *ctx, const char *net,
			   const char *param, const char *value);
int vnet_resource_allocate(struct vnet_ctx *ctx, const char *net,
			   const char *name, const char *rate);
int vnet_resource_set_param(struct vnet_ctx *ctx, const char *net,
			    const char *name, const char *param,
			    const char *value);
int vnet_resource_usage(struct vnet_ctx *ctx, const char *net,
			const char *name, struct vnet_policer_info *info);

typedef int (*vnet_event_cb)(const struct vnet_event *ev, void *arg);
/*
 * Joins the "monitor" group and calls @cb per event until it returns != 0;
 * leaves the group then, and @ctx serves requests again.
 */
int vnet_monitor(struct vnet_ctx *ctx, vnet_event_cb cb, void *arg);

#endif
