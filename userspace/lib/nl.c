// SPDX-License-Identifier: LGPL-2.1
/*
 * The request engine: resolve the family once, turn on extended acks, send
 * a request and collect replies until the ack or the end of the dump.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

int vnet_set_error(struct vnet_ctx *ctx, int err, const char *msg)
{
	ctx->err = err;
	snprintf(ctx->errmsg, sizeof(ctx->errmsg), "%s",
		 msg && *msg ? msg : strerror(-err));
	return err;
}

const char *vnet_errmsg(const struct vnet_ctx *ctx)
{
	return ctx->errmsg;
}

struct vnet_ctx *vnet_open(void)
{
	struct vnet_ctx *ctx = calloc(1, sizeof(*ctx));
	int one = 1;

	if (!ctx)
		return NULL;
	ctx->sk = nl_socket_alloc();
	if (!ctx->sk)
		goto err;
	if (genl_connect(ctx->sk)) {
		errno = EPROTONOSUPPORT;
		goto err;
	}
	nl_socket_set_buffer_size(ctx->sk, 1 << 20, 1 << 20);
	setsockopt(nl_socket_get_fd(ctx->sk), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));
	setsockopt(nl_socket_get_fd(ctx->sk), SOL_NETLINK, NETLINK_CAP_ACK,
		   &one, sizeof(one));
	ctx->family = genl_ctrl_resolve(ctx->sk, VNET_GENL_NAME);
	if (ctx->family < 0) {
		errno = ENOENT;
		goto err;
	}
	return ctx;
err:
	if (ctx->sk)
		nl_socket_free(ctx->sk);
	free(ctx);
	return NULL;
}

void vnet_close(struct vnet_ctx *ctx)
{
	if (!ctx)
		return;
	nl_socket_free(ctx->sk);
	free(ctx);
}

struct nl_msg *vnet_msg_new(struct vnet_ctx *ctx, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, ctx->family, 0, flags,
			 cmd, VNET_GENL_VERSION)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

/*
 * How a port is named: all digits is an index (1: *index set), which must
 * fit 32 bits, never cut (-ERANGE); anything else a name (0).
 */
static int vnet_port_index(const char *port, uint32_t *index)
{
	unsigned long long v;

	if (!port[0] || strspn(port, "0123456789") != strlen(port))
		return 0;
	errno = 0;
	v = strtoull(port, NULL, 10);
	if (errno || v > UINT32_MAX)
		return -ERANGE;
	*index = v;
	return 1;
}

int vnet_check_port(struct vnet_ctx *ctx, const char *port)
{
	uint32_t index;
	char msg[128];

	if (vnet_port_index(port, &index) >= 0)
		return 0;
	snprintf(msg, sizeof(msg), "port index %.20s%s is out of range (at most %u)",
		 port, strlen(port) > 20 ? "..." : "", UINT32_MAX);
	return vnet_set_error(ctx, -ERANGE, msg);
}

int vnet_put_port(struct nl_msg *msg, int index_attr, int name_attr,
		  const char *port)
{
	uint32_t index;
	int ret = vnet_port_index(port, &index);

	if (ret < 0)
		return ret;
	if (ret)
		return nla_put_u32(msg, index_attr, index);
	return nla_put_string(msg, name_attr, port);
}

int vnet_put_ip(struct nl_msg *msg, int attr4, int attr6, int family,
		const void *addr)
{
	if (family == AF_INET6)
		return nla_put(msg, attr6, 16, addr);
	return nla_put(msg, attr4, 4, addr);
}

int vnet_get_ip(struct nlattr **tb, int attr4, int attr6, int *family,
		uint32_t *addr, uint8_t *addr6)
{
	if (tb[attr4]) {
		*family = AF_INET;
		*addr = nla_get_u32(tb[attr4]);
		return 0;
	}
	if (tb[attr6]) {
		*family = AF_INET6;
		memcpy(addr6, nla_data(tb[attr6]), 16);
		return 0;
	}
	return -1;
}

/* A request about device @dev (NULL: none named). */
struct nl_msg *vnet_dev_msg(struct vnet_ctx *ctx, uint8_t cmd, int flags,
			    const char *dev)
{
	struct nl_msg *msg = vnet_msg_new(ctx, cmd, flags);

	if (!msg) {
		vnet_set_error(ctx, -ENOMEM, NULL);
		return NULL;
	}
	if (dev && nla_put_string(msg, VNET_ATTR_IFNAME, dev)) {
		nlmsg_free(msg);
		vnet_set_error(ctx, -EMSGSIZE, NULL);
		return NULL;
	}
	return msg;
}

struct vnet_req {
	struct vnet_ctx *ctx;
	vnet_msg_cb cb;
	void *arg;
	int done;
	int err;
	int stopped;		/* cb stopped it: the rest is read, not handed on */
	int interrupted;	/* the table changed during the dump */
};

static int vnet_valid_cb(struct nl_msg *msg, void *arg)
{
	struct vnet_req *req = arg;
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *attrs[VNET_ATTR_MAX + 1];
	int ret;

	/*
	 * The rest of a reply the caller is done with still comes, up to
	 * its ack or NLMSG_DONE: read it here, or the next request on this
	 * socket would take it for its own answer.
	 */
	if (req->stopped)
		return NL_SKIP;
	if (genlmsg_parse(nlmsg_hdr(msg), 0, attrs, VNET_ATTR_MAX,
			  vnet_attr_policy) < 0) {
		req->err = vnet_set_error(req->ctx, -EPROTO,
					  "a reply from the kernel does not parse");
		req->stopped = 1;
		return NL_SKIP;
	}
	if (!req->cb)
		return NL_OK;
	ret = req->cb(attrs, gh->cmd, req->arg);
	if (ret) {
		req->err = ret < 0 ? ret : 0;
		if (ret == -EPROTO && !req->ctx->err)
			vnet_set_error(req->ctx, ret,
				       "a reply from the kernel lacks what the request asked for");
		req->stopped = 1;
	}
	return NL_OK;
}

void vnet_nla_strcpy(char *dst, size_t len, const struct nlattr *attr)
{
	size_t n = strnlen(nla_data(attr), nla_len(attr));

	if (!len)
		return;
	if (n >= len)
		n = len - 1;
	memcpy(dst, nla_data(attr), n);
	dst[n] = '\0';
}

bool vnet_nla_is_string(const struct nlattr *attr)
{
	return nla_len(attr) > 0 && memchr(nla_data(attr), '\0', nla_len(attr));
}

/* Extended ack TLVs of an error or done message: the kernel's text. */
/* The extack message; also keeps the offending attribute's offset. */
static const char *vnet_extack_msg(struct vnet_ctx *ctx, struct nlmsghdr *nlh,
				   int offset)
{
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1] = { NULL };
	int len = nlh->nlmsg_len;

	ctx->err_offset = 0;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS) || len <= offset)
		return NULL;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX,
		      (struct nlattr *)((unsigned char *)nlh + offset),
		      len - offset, NULL))
		return NULL;
	if (tb[NLMSGERR_ATTR_OFFS])
		ctx->err_offset = nla_get_u32(tb[NLMSGERR_ATTR_OFFS]);
	return tb[NLMSGERR_ATTR_MSG] && vnet_nla_is_string(tb[NLMSGERR_ATTR_MSG]) ?
	       nla_get_string(tb[NLMSGERR_ATTR_MSG]) :
				       NULL;
}

/* The end of a dump, or the ack of a request. A dump that failed carries
 * its error (and extack) in the NLMSG_DONE message.
 */
static int vnet_finish_cb(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct vnet_req *req = arg;

	req->done = 1;
	if (req->stopped)	/* the answer is already made */
		return NL_STOP;
	if (nlh->nlmsg_type == NLMSG_DONE &&
	    nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(int)) {
		int err = *(int *)nlmsg_data(nlh);

		if (err < 0) {
			req->err = err;
			vnet_set_error(req->ctx, err,
				       vnet_extack_msg(req->ctx, nlh,
						       NLMSG_HDRLEN + sizeof(int)));
		}
	}
	return NL_STOP;
}

/*
 * A part of the dump came after the table changed: take it (the rest of the
 * dump must be read anyway) and report the whole as interrupted at the end.
 */
static int vnet_dump_intr_cb(struct nl_msg *msg, void *arg)
{
	struct vnet_req *req = arg;

	(void)msg;
	if (!req->stopped)	/* past what the caller took, it is moot */
		req->interrupted = 1;
	return NL_OK;
}

/* Keep the kernel's extack message, as ovpn-cli and iproute2 do. */
static int vnet_error_cb(struct sockaddr_nl *nla, struct nlmsgerr *err,
			 void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((unsigned char *)err - NLMSG_HDRLEN);
	struct vnet_req *req = arg;
	int ack_len = sizeof(*nlh) + sizeof(*err);

	(void)nla;
	req->done = 1;
	if (req->stopped)
		return NL_STOP;
	req->err = err->error;
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		ack_len += err->msg.nlmsg_len - sizeof(*nlh);
	if (err->error)
		vnet_set_error(req->ctx, err->error,
			       vnet_extack_msg(req->ctx, nlh, ack_len));
	return NL_STOP;
}

int vnet_request(struct vnet_ctx *ctx, struct nl_msg *msg, vnet_msg_cb cb,
		 void *arg)
{
	return vnet_request_on(ctx, ctx->sk, msg, cb, arg);
}

int vnet_request_on(struct vnet_ctx *ctx, struct nl_sock *sk,
		    struct nl_msg *msg, vnet_msg_cb cb, void *arg)
{
	struct vnet_req req = { .ctx = ctx, .cb = cb, .arg = arg };
	struct nl_cb *nlcb;
	int ret;

	ctx->err = 0;
	ctx->errmsg[0] = '\0';
	nlcb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!nlcb) {
		nlmsg_free(msg);
		return vnet_set_error(ctx, -ENOMEM, NULL);
	}
	nl_cb_set(nlcb, NL_CB_VALID, NL_CB_CUSTOM, vnet_valid_cb, &req);
	nl_cb_set(nlcb, NL_CB_FINISH, NL_CB_CUSTOM, vnet_finish_cb, &req);
	nl_cb_set(nlcb, NL_CB_ACK, NL_CB_CUSTOM, vnet_finish_cb, &req);
	nl_cb_set(nlcb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, vnet_dump_intr_cb, &req);
	nl_cb_err(nlcb, NL_CB_CUSTOM, vnet_error_cb, &req);

	ret = nl_send_auto(sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		nl_cb_put(nlcb);
		return vnet_set_error(ctx, -EIO, nl_geterror(ret));
	}
	while (!req.done) {
		ret = nl_recvmsgs(sk, nlcb);
		/* the callbacks set req.done */
		// cppcheck-suppress knownConditionTrueFalse
		if (ret < 0 && !req.done) {
			req.err = -EIO;
			vnet_set_error(ctx, -EIO, nl_geterror(ret));
			break;
		}
	}
	nl_cb_put(nlcb);
	if (!req.err && req.interrupted)
		req.err = vnet_set_error(ctx, -EAGAIN,
					 "the table changed during the dump, which may have missed or repeated entries; run it again");
	if (req.err && !ctx->err)
		vnet_set_error(ctx, req.err, NULL);
	return req.err;
}
