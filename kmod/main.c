// SPDX-License-Identifier: GPL-2.0
/*
 * vnet: virtual switches, routers and firewalls as network devices.
 * Module init and exit only; each step unwinds in reverse.
 */
#include <linux/module.h>
#include "vnet.h"

/* Deferred frees that must finish before the module goes. */
struct workqueue_struct *vnet_wq;

static int __init vnet_init(void)
{
	int err;

	vnet_wq = alloc_workqueue("vnet", 0, 0);
	if (!vnet_wq)
		return -ENOMEM;
	/* Built with VNET_SELFTEST=1, the module checks itself first and
	 * refuses to load if a self-test fails (kmod/selftest/).
	 */
	if (!vnet_lpm_selftest() || !vnet_policer_selftest() ||
	    !vnet_hs_selftest() || !vnet_ct_selftest() ||
	    !vnet_icmp_selftest()) {
		err = -ENOTRECOVERABLE;
		goto err_selftest;
	}
	err = vnet_netns_init();
	if (err)
		goto err_netns;
	err = vnet_notify_init();
	if (err)
		goto err_notify;
	err = vnet_port_notify_init();
	if (err)
		goto err_port_notify;
	err = vnet_rtnl_init();
	if (err)
		goto err_rtnl;
	/* Last: a request may come the moment the family is there. */
	err = vnet_genl_init();
	if (err)
		goto err_genl;
	return 0;

err_genl:
	vnet_rtnl_exit();
err_rtnl:
	vnet_port_notify_exit();
err_port_notify:
	vnet_notify_exit();
err_notify:
	vnet_netns_exit();
err_netns:
err_selftest:
	destroy_workqueue(vnet_wq);
	return err;
}

static void __exit vnet_exit(void)
{
	/* The genl family stays while the devices die, so the monitor hears
	 * of each (it is not unregistered first, as most families are). A
	 * device it adds after its kind's link ops are gone is deleted by the
	 * pernet exit below, once the family can add no more.
	 */
	vnet_rtnl_exit();	/* deletes every device, announcing each */
	vnet_port_notify_exit();
	vnet_notify_exit();
	vnet_genl_exit();
	vnet_netns_exit();
	rcu_barrier();		/* call_rcu() callbacks live in this module */
	destroy_workqueue(vnet_wq);	/* and so do the works they queue */
	vnet_overlay_exit();
}

module_init(vnet_init);
module_exit(vnet_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Virtual switches, routers and firewalls as network devices");
MODULE_VERSION(VNET_VERSION);
MODULE_ALIAS_RTNL_LINK("vswitch");
MODULE_ALIAS_RTNL_LINK("vrouter");
MODULE_ALIAS_RTNL_LINK("vfirewall");
MODULE_ALIAS_GENL_FAMILY(VNET_GENL_NAME);
