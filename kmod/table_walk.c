// SPDX-License-Identifier: GPL-2.0
/*
 * One walk over an rhashtable for the tables' background work and flushes:
 * under RCU, never under the table's lock, yielding every 512 objects so a
 * million-entry table neither holds up its writers nor the CPU.
 */
#include <linux/sched.h>
#include "vnet.h"

/*
 * Call @fn on each object of @ht until it returns false; @fn may remove
 * the object it is given. Sleeps.
 *
 * The walk yields before @fn sees an object, never after: the object may
 * be freed while the walk is out of RCU, so it is looked up again on
 * resuming. rhashtable_walk_peek() returns it if it is still in its
 * bucket and its successor if it is not, so @fn removing the object it was
 * given does not make the walk skip the one after. An object removed by
 * someone else ahead of it in its bucket during the yield still may; a
 * resize rewinds the walk to the start of the new table, so @fn may see an
 * object twice.
 */
void vnet_table_walk(struct rhashtable *ht,
		     bool (*fn)(void *obj, void *arg), void *arg)
{
	struct rhashtable_iter iter;
	unsigned int seen = 0;
	void *obj;

	rhashtable_walk_enter(ht, &iter);
	rhashtable_walk_start(&iter);
	obj = rhashtable_walk_next(&iter);
	while (obj) {
		if (!IS_ERR(obj) && ++seen % VNET_WALK_BATCH == 0) {
			rhashtable_walk_stop(&iter);
			cond_resched();
			rhashtable_walk_start(&iter);
			obj = rhashtable_walk_peek(&iter);
			if (!obj)
				break;
		}
		if (IS_ERR(obj)) {
			if (PTR_ERR(obj) != -EAGAIN)
				break;
		} else if (!fn(obj, arg)) {
			break;
		}
		obj = rhashtable_walk_next(&iter);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}
