// SPDX-License-Identifier: GPL-2.0
/*
 * A vfirewall's rule sets. Every change (add, delete, flush, replace)
 * builds a whole new set: the rules compiled to boxes, the HyperSplit tree
 * over them and fresh per-CPU counters, then publishes it with one pointer
 * store. Traffic sees the old set or the new one, never a mix; the old one
 * is freed after a grace period. Sets are compiled and published under
 * RTNL; the tree, the long part, may be built outside it.
 */
#include <linux/delay.h>
#include <linux/moduleparam.h>
#include <linux/slab.h>
#include "vnet.h"

/*
 * Debug knobs for the selftests: the generation bits a cached verdict's
 * tag carries (lowered, tags repeat every few commits and the whole
 * generation kept beside them must tell them apart), a number of coming
 * commits to fail as if out of memory, and how long each rule request's
 * build is made to take.
 */
unsigned int vnet_fw_gen_mask = 0xffffff;
module_param_named(fw_cache_gen_mask, vnet_fw_gen_mask, uint, 0600);
MODULE_PARM_DESC(fw_cache_gen_mask,
		 "debug: rule set generation bits in a cached verdict's tag");
static unsigned int vnet_fw_fail_commits;
module_param_named(fw_fail_commits, vnet_fw_fail_commits, uint, 0600);
MODULE_PARM_DESC(fw_fail_commits,
		 "debug: fail this many coming rule set commits (-ENOMEM)");
static unsigned int vnet_fw_build_delay_ms;
module_param_named(fw_build_delay_ms, vnet_fw_build_delay_ms, uint, 0600);
MODULE_PARM_DESC(fw_build_delay_ms,
		 "debug: milliseconds each rule request's build takes longer");

/* Deleted ports no published set names any more: free their indexes. */
static void vnet_rules_release_held(struct vnet_dev *vd)
{
	struct vnet_port *port, *tmp;

	list_for_each_entry_safe(port, tmp, &vd->fw.held, held) {
		list_del_init(&port->held);
		vnet_port_release(port);
	}
}

void vnet_ruleset_free(struct vnet_ruleset *rs)
{
	if (!rs)
		return;
	vnet_hs_free(&rs->tree);
	kvfree(rs->counters);
	kvfree(rs->rules);
	kvfree(rs->specs);
	kfree(rs);
}

static void vnet_ruleset_free_work(struct work_struct *work)
{
	struct vnet_ruleset *rs = container_of(to_rcu_work(work),
					       struct vnet_ruleset, free_work);

	vnet_ruleset_free(rs);
}

/* Count a packet of @len bytes for @rule, on this CPU. BHs off. */
void vnet_ruleset_count(struct vnet_ruleset *rs, u32 rule, unsigned int len)
{
	u64 *c = rs->counters + smp_processor_id() * rs->stride + 2 * rule;

	WRITE_ONCE(c[0], c[0] + 1);
	WRITE_ONCE(c[1], c[1] + len);
}

void vnet_ruleset_sum(const struct vnet_ruleset *rs, u32 rule, u64 *packets,
		      u64 *bytes)
{
	int cpu;

	*packets = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		const u64 *c = rs->counters + cpu * rs->stride + 2 * rule;

		*packets += READ_ONCE(c[0]);
		*bytes += READ_ONCE(c[1]);
	}
}

/* The index of the port named @name, or one no port has. */
static u32 vnet_rule_port(struct vnet_dev *vd, const char *name)
{
	struct vnet_port *port = vnet_port_find(vd, 0, name);

	return port ? port->index : VNET_FW_NO_MATCH;
}

static void vnet_rule_range(struct vnet_fw_rule *r, int dim, u32 lo, u32 hi)
{
	r->lo[dim] = lo;
	r->hi[dim] = hi;
}

/*
 * The box of the prefix @addr/@plen in the @words words of the address
 * field from @dim: the words it covers exact, the one it ends in a range,
 * the rest whole.
 */
static void vnet_rule_prefix(struct vnet_fw_rule *r, int dim,
			     const struct in6_addr *addr, u8 plen, int words)
{
	int i;

	for (i = 0; i < words; i++) {
		u32 mask = vnet_prefix_mask(clamp_t(int, plen - 32 * i, 0, 32));
		u32 a = ntohl(addr->s6_addr32[i]) & mask;

		vnet_rule_range(r, dim + i, a, a | ~mask);
	}
}

/* The box of @spec. */
static void vnet_rule_compile(struct vnet_dev *vd,
			      const struct vnet_rule_spec *spec,
			      struct vnet_fw_rule *r)
{
	u32 p = spec->present;
	int d;

	for (d = 0; d < VNET_FW_DIMS; d++)
		vnet_rule_range(r, d, 0, U32_MAX);
	if (p & (BIT(VNET_RULE_SRC) | BIT(VNET_RULE_DST)))
		vnet_rule_range(r, VNET_FW_FAMILY, 4, 4);
	if (p & (BIT(VNET_RULE_SRC6) | BIT(VNET_RULE_DST6)))
		vnet_rule_range(r, VNET_FW_FAMILY, 6, 6);
	if (p & BIT(VNET_RULE_SRC))
		vnet_rule_prefix(r, VNET_FW_SRC, &spec->src, spec->src_len, 1);
	if (p & BIT(VNET_RULE_DST))
		vnet_rule_prefix(r, VNET_FW_DST, &spec->dst, spec->dst_len, 1);
	if (p & BIT(VNET_RULE_SRC6))
		vnet_rule_prefix(r, VNET_FW_SRC, &spec->src, spec->src_len,
				 VNET_FW_ADDR_WORDS);
	if (p & BIT(VNET_RULE_DST6))
		vnet_rule_prefix(r, VNET_FW_DST, &spec->dst, spec->dst_len,
				 VNET_FW_ADDR_WORDS);
	if (p & BIT(VNET_RULE_PROTO))
		vnet_rule_range(r, VNET_FW_PROTO, spec->proto, spec->proto);
	if (p & BIT(VNET_RULE_SPORT_MIN))
		vnet_rule_range(r, VNET_FW_SPORT, spec->sport_min,
				spec->sport_max);
	if (p & BIT(VNET_RULE_DPORT_MIN))
		vnet_rule_range(r, VNET_FW_DPORT, spec->dport_min,
				spec->dport_max);
	if (p & BIT(VNET_RULE_ICMP_TYPE))
		vnet_rule_range(r, VNET_FW_ICMP, spec->icmp_type,
				spec->icmp_type);
	if (p & BIT(VNET_RULE_IN)) {
		u32 in = vnet_rule_port(vd, spec->in);

		vnet_rule_range(r, VNET_FW_IN, in, in);
	}
	if (p & BIT(VNET_RULE_OUT)) {
		u32 out = vnet_rule_port(vd, spec->out);

		vnet_rule_range(r, VNET_FW_OUT, out, out);
	}
	if (p & BIT(VNET_RULE_STATE))
		vnet_rule_range(r, VNET_FW_STATE, spec->state, spec->state);
	if (p & BIT(VNET_RULE_VLAN))
		vnet_rule_range(r, VNET_FW_VLAN, spec->vlan, spec->vlan);
	r->action = spec->action;
}

/*
 * A new set for @specs (@count of them, taken over by the set whatever
 * happens), its rules compiled but not yet its classifier; under RTNL, which
 * keeps the ports the rules name in place. The first of three steps: then
 * vnet_rules_build(), which holds no lock, and vnet_rules_publish().
 */
static struct vnet_ruleset *
vnet_rules_prepare(struct vnet_dev *vd, struct vnet_rule_spec *specs,
		   u32 count, struct netlink_ext_ack *extack)
{
	struct vnet_ruleset *rs;
	u32 i;

	ASSERT_RTNL();
	if (unlikely(READ_ONCE(vnet_fw_fail_commits))) {
		WRITE_ONCE(vnet_fw_fail_commits, vnet_fw_fail_commits - 1);
		NL_SET_ERR_MSG(extack, "cannot build the rule set (debug: fw_fail_commits)");
		kvfree(specs);
		return ERR_PTR(-ENOMEM);
	}
	rs = kzalloc(sizeof(*rs), GFP_KERNEL_ACCOUNT);
	if (!rs) {
		kvfree(specs);
		return ERR_PTR(-ENOMEM);
	}
	rs->count = count;
	rs->specs = specs;
	rs->stride = ALIGN(2 * max(count, 1U), SMP_CACHE_BYTES / sizeof(u64));
	rs->rules = kvmalloc_array(max(count, 1U), sizeof(*rs->rules),
				   GFP_KERNEL_ACCOUNT);
	rs->counters = kvcalloc(nr_cpu_ids * rs->stride, sizeof(u64),
				GFP_KERNEL_ACCOUNT);
	if (!rs->rules || !rs->counters) {
		vnet_ruleset_free(rs);
		return ERR_PTR(-ENOMEM);
	}
	for (i = 0; i < count; i++)
		vnet_rule_compile(vd, &specs[i], &rs->rules[i]);
	return rs;
}

/* Build @rs's classifier: the long part, which needs no lock. */
static int vnet_rules_build(struct vnet_ruleset *rs,
			    struct netlink_ext_ack *extack)
{
	int err = vnet_hs_build(&rs->tree, rs->rules, rs->count);

	if (err)
		NL_SET_ERR_MSG(extack, "cannot build the classifier (out of memory)");
	return err;
}

/*
 * Publish @rs, built from the current set: @old_index maps each of its
 * rules to its place there, or U32_MAX for a new rule, so edits keep
 * counters; NULL starts afresh. The caller took what it has more than the
 * current set from the network's rules quota (vnet_rules_charge()); what
 * it has fewer goes back here. Takes @rs; under RTNL.
 */
static void vnet_rules_publish(struct vnet_dev *vd, struct vnet_ruleset *rs,
			       const u32 *old_index)
{
	struct vnet_ruleset *old = rtnl_dereference(vd->fw.rules);
	u32 i, had = old ? old->count : 0, count = rs->count;

	ASSERT_RTNL();
	/* Counters move with their rules, summed onto CPU 0's block. */
	for (i = 0; old && old_index && i < count; i++) {
		if (old_index[i] < old->count)
			vnet_ruleset_sum(old, old_index[i], &rs->counters[2 * i],
					 &rs->counters[2 * i + 1]);
	}
	/*
	 * Connections cache verdicts tagged with the set's generation: 64
	 * bits, which no rate of commits wraps.
	 */
	rs->gen = ++vd->fw.gen;
	INIT_RCU_WORK(&rs->free_work, vnet_ruleset_free_work);
	rcu_assign_pointer(vd->fw.rules, rs);
	/*
	 * Where the tag's bits wrap, no reader of a set before is left: two
	 * sets whose tags agree are never both in use, so a verdict and its
	 * generation written apart by two CPUs cannot pair wrongly.
	 */
	if (!(rs->gen & vnet_fw_gen_mask))
		synchronize_rcu();
	if (!list_empty(&vd->fw.held)) {
		synchronize_net();	/* the old set's readers name them */
		vnet_rules_release_held(vd);
	}
	if (old)
		queue_rcu_work(vnet_wq, &old->free_work);
	if (count < had)
		vnet_quota_give(vd, VNET_QUOTA_RULES, had - count);
}

/*
 * Take from the network's rules quota what a set of @count rules has more
 * than @vd's current one: the growth, which the caller gives back if it does
 * not publish. The one place a rule set is charged; under RTNL.
 */
static int vnet_rules_charge(struct vnet_dev *vd, u32 count, u32 *grow,
			     struct netlink_ext_ack *extack)
{
	struct vnet_ruleset *cur = rtnl_dereference(vd->fw.rules);
	u32 had = cur ? cur->count : 0;

	ASSERT_RTNL();
	*grow = count > had ? count - had : 0;
	return *grow ? vnet_quota_take_nl(vd, VNET_QUOTA_RULES, *grow, extack) : 0;
}

/* The three steps at once, all under RTNL: for small or rare changes. */
int vnet_rules_commit(struct vnet_dev *vd, struct vnet_rule_spec *specs,
		      u32 count, const u32 *old_index,
		      struct netlink_ext_ack *extack)
{
	struct vnet_ruleset *rs;
	u32 grow;
	int err;

	err = vnet_rules_charge(vd, count, &grow, extack);
	if (err) {
		kvfree(specs);
		return err;
	}
	rs = vnet_rules_prepare(vd, specs, count, extack);
	err = PTR_ERR_OR_ZERO(rs);
	if (!err) {
		err = vnet_rules_build(rs, extack);
		if (err)
			vnet_ruleset_free(rs);
	}
	if (err) {
		if (grow)
			vnet_quota_give(vd, VNET_QUOTA_RULES, grow);
		return err;
	}
	vnet_rules_publish(vd, rs, old_index);
	return 0;
}

/* A copy of the current specs with room for @extra more. */
static struct vnet_rule_spec *vnet_rules_copy(const struct vnet_ruleset *rs,
					      u32 extra)
{
	struct vnet_rule_spec *specs;

	specs = kvmalloc_array(rs->count + extra, sizeof(*specs), GFP_KERNEL_ACCOUNT);
	if (specs && rs->count)
		memcpy(specs, rs->specs, rs->count * sizeof(*specs));
	return specs;
}

static u32 *vnet_rules_identity(u32 count)
{
	u32 *map = kvmalloc_array(max(count, 1U), sizeof(*map), GFP_KERNEL_ACCOUNT);
	u32 i;

	for (i = 0; map && i < count; i++)
		map[i] = i;
	return map;
}

/* A ports change published meanwhile: the edit is made again, this often. */
#define VNET_RULES_TRIES	8

/*
 * Make @edit to a vfirewall's rules. The edit and the compile run under
 * RTNL, the classifier build (up to seconds for VNET_RULE_LIMIT rules)
 * outside it; the result is published under RTNL if neither the set nor
 * the ports (whose indexes it compiled in) changed meanwhile, else the
 * edit is made again. Rule requests of a device take turns, so only port
 * changes and flushes, which hold RTNL throughout, make one start again.
 * The caller holds the device, and not RTNL.
 */
int vnet_rules_change(struct vnet_dev *vd, vnet_rules_edit_fn edit, void *arg,
		      struct netlink_ext_ack *extack)
{
	unsigned int delay = READ_ONCE(vnet_fw_build_delay_ms);
	bool stale, gone = false;
	int err, tries = 0;

	err = mutex_lock_killable(&vd->fw.change_lock);
	if (err)
		return err;
	do {
		struct vnet_rules_edit e = { .arg = arg };
		unsigned int ports;
		struct vnet_ruleset *rs;
		u32 grow = 0;
		u64 base;

		stale = false;
		rtnl_lock();
		gone = !vd->fw.ready;
		err = gone ? -ENODEV :
			     edit(vd, rtnl_dereference(vd->fw.rules), &e);
		/* Over quota is refused now, before the long part. */
		if (!err)
			err = vnet_rules_charge(vd, e.count, &grow, extack);
		if (!err) {
			rs = vnet_rules_prepare(vd, e.specs, e.count, extack);
			if (IS_ERR(rs) && grow)
				vnet_quota_give(vd, VNET_QUOTA_RULES, grow);
		} else {
			kvfree(e.specs);
			rs = ERR_PTR(err);
		}
		base = vd->fw.gen;
		ports = vd->port_gen;
		rtnl_unlock();

		err = PTR_ERR_OR_ZERO(rs);
		if (!err) {
			if (delay)
				msleep(delay);
			err = vnet_rules_build(rs, extack);
			/*
			 * The charge goes back under RTNL, and only while the
			 * device is there: its deletion gave back all it held.
			 */
			rtnl_lock();
			gone = !vd->fw.ready;
			stale = !err && (gone || vd->fw.gen != base ||
					 vd->port_gen != ports);
			if (err || stale) {
				vnet_ruleset_free(rs);
				if (!gone && grow)
					vnet_quota_give(vd, VNET_QUOTA_RULES,
							grow);
			} else {
				vnet_rules_publish(vd, rs, e.map);
			}
			rtnl_unlock();
		}
		kvfree(e.map);
	} while (stale && !gone && ++tries < VNET_RULES_TRIES);
	mutex_unlock(&vd->fw.change_lock);

	if (gone) {
		NL_SET_ERR_MSG(extack, "the device was deleted");
		err = -ENODEV;
	} else if (stale) {
		NL_SET_ERR_MSG(extack, "ports kept changing during the build; try again");
		err = -EBUSY;
	}
	return err;
}

/* @e: @rs with @spec inserted at @at (@rs->count: at the end). */
int vnet_rules_insert(struct vnet_rules_edit *e, const struct vnet_ruleset *rs,
		      const struct vnet_rule_spec *spec, u32 at,
		      struct netlink_ext_ack *extack)
{
	u32 i;

	if (rs->count >= VNET_RULE_LIMIT) {
		NL_SET_ERR_MSG(extack, "the rule list is full");
		return -ENOSPC;
	}
	if (at > rs->count) {
		NL_SET_ERR_MSG(extack, "the index is past the end of the rule list");
		return -ERANGE;
	}
	e->specs = vnet_rules_copy(rs, 1);
	e->map = kvmalloc_array(rs->count + 1, sizeof(*e->map),
				GFP_KERNEL_ACCOUNT);
	if (!e->specs || !e->map)
		return -ENOMEM;
	memmove(&e->specs[at + 1], &e->specs[at],
		(rs->count - at) * sizeof(*e->specs));
	e->specs[at] = *spec;
	e->specs[at].present &= ~BIT(VNET_RULE_INDEX);
	for (i = 0; i <= rs->count; i++)
		e->map[i] = i < at ? i : i == at ? U32_MAX : i - 1;
	e->count = rs->count + 1;
	return 0;
}

/* @e: @rs without its rule at @at, which the caller checked is there. */
int vnet_rules_remove(struct vnet_rules_edit *e, const struct vnet_ruleset *rs,
		      u32 at)
{
	u32 i;

	e->specs = vnet_rules_copy(rs, 0);
	e->map = vnet_rules_identity(rs->count);
	if (!e->specs || !e->map)
		return -ENOMEM;
	memmove(&e->specs[at], &e->specs[at + 1],
		(rs->count - at - 1) * sizeof(*e->specs));
	for (i = at; i + 1 < rs->count; i++)
		e->map[i] = i + 1;
	e->count = rs->count - 1;
	return 0;
}

/* Does a rule of @vd name the port @name? Under RTNL. */
bool vnet_rules_name_port(struct vnet_dev *vd, const char *name)
{
	struct vnet_ruleset *rs = rtnl_dereference(vd->fw.rules);
	u32 i;

	for (i = 0; rs && i < rs->count; i++)
		if (((rs->specs[i].present & BIT(VNET_RULE_IN)) &&
		     !strcmp(rs->specs[i].in, name)) ||
		    ((rs->specs[i].present & BIT(VNET_RULE_OUT)) &&
		     !strcmp(rs->specs[i].out, name)))
			return true;
	return false;
}

/*
 * Ports came or went: resolve the rules' port names again. On failure the
 * old set stays published, with the ports as they were.
 */
int vnet_rules_recompile(struct vnet_dev *vd)
{
	struct vnet_ruleset *rs = rtnl_dereference(vd->fw.rules);
	struct vnet_rule_spec *specs;
	u32 *keep, i;
	int err;

	if (!rs || !rs->count)
		return 0;
	specs = kvmalloc_array(rs->count, sizeof(*specs), GFP_KERNEL_ACCOUNT);
	keep = kvmalloc_array(rs->count, sizeof(*keep), GFP_KERNEL_ACCOUNT);
	if (!specs || !keep) {
		kvfree(specs);
		kvfree(keep);
		return -ENOMEM;
	}
	memcpy(specs, rs->specs, rs->count * sizeof(*specs));
	for (i = 0; i < rs->count; i++)
		keep[i] = i;
	err = vnet_rules_commit(vd, specs, rs->count, keep, NULL);	/* takes specs */
	kvfree(keep);
	return err;
}

int vnet_rules_init(struct vnet_dev *vd)
{
	INIT_LIST_HEAD(&vd->fw.held);
	mutex_init(&vd->fw.change_lock);
	vd->fw.ready = true;
	return vnet_rules_commit(vd, NULL, 0, NULL, NULL);
}

/* The device is unregistered: no reader is left. */
void vnet_rules_uninit(struct vnet_dev *vd)
{
	vd->fw.ready = false;
	vnet_rules_release_held(vd);
	vnet_ruleset_free(rcu_dereference_protected(vd->fw.rules, true));
	RCU_INIT_POINTER(vd->fw.rules, NULL);
}
