// SPDX-License-Identifier: GPL-2.0
/*
 * The TCP state machine of the connection tracker, transition by
 * transition, at module load when the module is built with VNET_SELFTEST=1
 * (make check-debug builds it so): which flag sets a segment may carry at
 * all, and the state each segment moves a connection to, from each side
 * (0 the side that opened it), with the FINs seen so far.
 */
struct vnet_tcp_test {
	u8 old, dir, flags, fin;	/* the state, the segment, FINs seen */
	u8 next, fin_after;
};

#define S	TCPHDR_SYN
#define A	TCPHDR_ACK
#define F	TCPHDR_FIN
#define R	TCPHDR_RST
#define P	TCPHDR_PSH

static const struct vnet_tcp_test vnet_tcp_tests[] __initconst = {
	/* The handshake, and its retransmissions. */
	{ VNET_TCP_SYN_SENT, 0, S, 0, VNET_TCP_SYN_SENT, 0 },
	{ VNET_TCP_SYN_SENT, 1, S | A, 0, VNET_TCP_SYN_RECV, 0 },
	{ VNET_TCP_SYN_RECV, 1, S | A, 0, VNET_TCP_SYN_RECV, 0 },
	{ VNET_TCP_SYN_RECV, 0, S, 0, VNET_TCP_SYN_RECV, 0 },
	{ VNET_TCP_SYN_RECV, 0, A, 0, VNET_TCP_ESTABLISHED, 0 },
	{ VNET_TCP_SYN_RECV, 0, A | P, 0, VNET_TCP_ESTABLISHED, 0 },
	/* The answer's data may come before the opener's last ACK. */
	{ VNET_TCP_SYN_RECV, 1, A | P, 0, VNET_TCP_SYN_RECV, 0 },
	/* What does not fit the handshake. */
	{ VNET_TCP_SYN_SENT, 1, A, 0, VNET_TCP_NONE, 0 },
	{ VNET_TCP_SYN_SENT, 0, A, 0, VNET_TCP_NONE, 0 },
	{ VNET_TCP_SYN_SENT, 0, S | A, 0, VNET_TCP_NONE, 0 },
	{ VNET_TCP_SYN_SENT, 1, S, 0, VNET_TCP_NONE, 0 },
	{ VNET_TCP_SYN_RECV, 0, S | A, 0, VNET_TCP_NONE, 0 },
	{ VNET_TCP_SYN_RECV, 1, S, 0, VNET_TCP_NONE, 0 },
	/* Data, a late SYN-ACK; a new SYN does not fit. */
	{ VNET_TCP_ESTABLISHED, 0, A | P, 0, VNET_TCP_ESTABLISHED, 0 },
	{ VNET_TCP_ESTABLISHED, 1, A, 0, VNET_TCP_ESTABLISHED, 0 },
	{ VNET_TCP_ESTABLISHED, 1, S | A, 0, VNET_TCP_ESTABLISHED, 0 },
	{ VNET_TCP_ESTABLISHED, 0, S, 0, VNET_TCP_NONE, 0 },
	{ VNET_TCP_ESTABLISHED, 0, S | A, 0, VNET_TCP_NONE, 0 },
	/* Closing: a FIN from each side, in either order, retransmitted. */
	{ VNET_TCP_SYN_RECV, 0, F | A, 0, VNET_TCP_FIN_WAIT, 1 },
	{ VNET_TCP_ESTABLISHED, 0, F | A, 0, VNET_TCP_FIN_WAIT, 1 },
	{ VNET_TCP_ESTABLISHED, 1, F | A, 0, VNET_TCP_FIN_WAIT, 2 },
	{ VNET_TCP_FIN_WAIT, 0, F | A, 1, VNET_TCP_FIN_WAIT, 1 },
	{ VNET_TCP_FIN_WAIT, 1, A, 1, VNET_TCP_FIN_WAIT, 1 },
	{ VNET_TCP_FIN_WAIT, 1, F | A, 1, VNET_TCP_CLOSE, 3 },
	{ VNET_TCP_FIN_WAIT, 0, F | A, 2, VNET_TCP_CLOSE, 3 },
	{ VNET_TCP_FIN_WAIT, 0, S, 1, VNET_TCP_NONE, 1 },
	/* A reset closes from any state, from either side. */
	{ VNET_TCP_SYN_SENT, 1, R | A, 0, VNET_TCP_CLOSE, 0 },
	{ VNET_TCP_SYN_RECV, 0, R, 0, VNET_TCP_CLOSE, 0 },
	{ VNET_TCP_ESTABLISHED, 1, R, 0, VNET_TCP_CLOSE, 0 },
	{ VNET_TCP_FIN_WAIT, 0, R | A, 1, VNET_TCP_CLOSE, 1 },
	/* Closed: the last ACKs fit, a new SYN starts a new connection. */
	{ VNET_TCP_CLOSE, 0, A, 3, VNET_TCP_CLOSE, 3 },
	{ VNET_TCP_CLOSE, 1, R, 3, VNET_TCP_CLOSE, 3 },
	{ VNET_TCP_CLOSE, 0, S, 3, VNET_TCP_NONE, 3 },
};

/* Flag sets (ECE and CWR are masked off before): valid or not. */
struct vnet_tcp_flag_test {
	u8 flags;
	bool valid;
};

static const struct vnet_tcp_flag_test vnet_tcp_flag_tests[] __initconst = {
	{ S, true }, { S | A, true }, { A, true }, { A | P, true },
	{ F | A, true }, { F | A | P, true }, { R, true }, { R | A, true },
	{ A | TCPHDR_URG, true },
	{ 0, false }, { F, false }, { S | F, false }, { S | R, false },
	{ S | F | A, false }, { F | R | A, false }, { P, false },
	{ F | P | TCPHDR_URG, false },
};

#undef S
#undef A
#undef F
#undef R
#undef P

bool __init vnet_ct_selftest(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vnet_tcp_tests); i++) {
		const struct vnet_tcp_test *c = &vnet_tcp_tests[i];
		u8 fin = c->fin, next = vnet_tcp_next(c->old, c->dir, c->flags,
						       &fin);

		if (next != c->next || fin != c->fin_after) {
			pr_err("vnet: selftest: conntrack: state %u, flags %#x from side %u, FINs %u: state %u and FINs %u, expected %u and %u\n",
			       c->old, c->flags, c->dir, c->fin, next, fin,
			       c->next, c->fin_after);
			return false;
		}
	}
	for (i = 0; i < ARRAY_SIZE(vnet_tcp_flag_tests); i++) {
		if (vnet_tcp_flags_valid(vnet_tcp_flag_tests[i].flags) !=
		    vnet_tcp_flag_tests[i].valid) {
			pr_err("vnet: selftest: conntrack: flags %#x taken as %s\n",
			       vnet_tcp_flag_tests[i].flags,
			       vnet_tcp_flag_tests[i].valid ? "invalid" : "valid");
			return false;
		}
	}
	pr_info("vnet: selftest: conntrack: ok, %zu transitions, %zu flag sets\n",
		ARRAY_SIZE(vnet_tcp_tests), ARRAY_SIZE(vnet_tcp_flag_tests));
	return true;
}
