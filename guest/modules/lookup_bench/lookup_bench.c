// SPDX-License-Identifier: GPL-2.0
/*
 * lookup_bench: time compound_head(), PageHead() and PageTail() over the
 * struct pages of large folios, heads and tails apart.  A bench module,
 * built against the kernel under test (tests/boot-scenario.sh, header
 * "modules:"), not part of the series: the lookups are inline functions,
 * so what it times is the code the kernel it was built for runs.
 *
 * Write one request to /sys/kernel/debug/lookup_bench:
 *   hugetlb ORDER LOOPS          HugeTLB folios of ORDER in online memory
 *   thp ORDER LOOPS              other large folios of ORDER there (THP,
 *                                and page cache folios if any)
 *   pfn START NR ORDER LOOPS     NR folios of ORDER from pfn START (device
 *                                memory is not online: give its pfns, and
 *                                keep the namespace bound meanwhile)
 * and read the result back:
 *   folios=N heads_ps=A tails_ps=B flags_ps=C bad=D
 * A: compound_head() of every head, B: of every tail, C: PageHead() and
 * PageTail() of every page (both tests, per page), in picoseconds per
 * iteration of the timing loop (its load of the head's pfn, pfn_to_page()
 * and sum included: compare kernels, not lookups), each timed over LOOPS
 * passes; D: pages whose compound_head(), PageHead() or PageTail()
 * disagrees with the folio's layout (checked once, untimed; found folios
 * are not pinned, so the caller keeps them from changing meanwhile).
 * Under QEMU -icount shift=0 a nanosecond is an instruction.  A request
 * of more than MAX_LOOKUPS lookups per loop gets -E2BIG.
 */
#include <linux/debugfs.h>
#include <linux/hugetlb.h>
#include <linux/memory_hotplug.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>

#define MAX_FOLIOS	4096
#define MAX_LOOKUPS	BIT_ULL(26)

static DEFINE_MUTEX(lock);
static char result[128] = "none\n";
static unsigned long heads[MAX_FOLIOS];
static unsigned long sink;

enum kind { HUGETLB, THP, PFN };

/* Is the online page at @pfn the head of a folio of @order of @kind? */
static bool is_head(unsigned long pfn, unsigned int order, enum kind kind)
{
	struct page *page = pfn_to_online_page(pfn);
	struct folio *folio;

	if (!page)
		return false;
	folio = page_folio(page);
	if (&folio->page != page || !folio_test_large(folio) ||
	    folio_order(folio) != order)
		return false;
	return folio_test_hugetlb(folio) == (kind == HUGETLB);
}

/* Collect up to MAX_FOLIOS heads of @kind in online memory. */
static unsigned int find_heads(unsigned int order, enum kind kind)
{
	unsigned long pfn, end, step = 1UL << order;
	unsigned int nr = 0;
	int nid;

	for_each_online_node(nid) {
		end = pgdat_end_pfn(NODE_DATA(nid));
		for (pfn = ALIGN(NODE_DATA(nid)->node_start_pfn, step);
		     pfn < end && nr < MAX_FOLIOS; pfn += step) {
			if (is_head(pfn, order, kind))
				heads[nr++] = pfn;
			cond_resched();
		}
	}
	return nr;
}

/* Pages of the folios at heads[] that do not look like their layout. */
static unsigned long count_bad(unsigned int nr, unsigned int order)
{
	unsigned long i, j, bad = 0;

	for (i = 0; i < nr; i++) {
		struct page *head = pfn_to_page(heads[i]);

		for (j = 0; j < (1UL << order); j++) {
			struct page *page = nth_page(head, j);

			if (compound_head(page) != head ||
			    PageHead(page) != !j || PageTail(page) != !!j)
				bad++;
		}
		cond_resched();
	}
	return bad;
}

/* Picoseconds per lookup, @nr lookups per pass. */
static u64 ps_per(u64 ns, unsigned long nr, unsigned int loops)
{
	return div64_u64(ns * 1000, (u64)nr * loops);
}

static __always_inline unsigned long head_of(struct page *page)
{
	return (unsigned long)compound_head(page);
}

static __always_inline unsigned long flags_of(struct page *page)
{
	return PageHead(page) + 2 * PageTail(page);
}

static u64 time_heads(unsigned int nr, unsigned int loops)
{
	unsigned long acc = 0;
	unsigned int l, i;
	u64 t0 = ktime_get_ns();

	for (l = 0; l < loops; l++)
		for (i = 0; i < nr; i++)
			acc += head_of(pfn_to_page(heads[i]));
	WRITE_ONCE(sink, acc);
	return ps_per(ktime_get_ns() - t0, nr, loops);
}

/*
 * Time @lookup over the pages of every folio at heads[] from page @first
 * on; inlined with its constant @lookup, so the loop calls nothing.
 */
static __always_inline u64 time_pages(unsigned int nr, unsigned int order,
				      unsigned int loops, unsigned long first,
				      unsigned long (*lookup)(struct page *))
{
	unsigned long acc = 0, j;
	unsigned int l, i;
	u64 ns = 0, t0;

	for (l = 0; l < loops; l++) {
		t0 = ktime_get_ns();
		for (i = 0; i < nr; i++) {
			struct page *page = pfn_to_page(heads[i]);

			for (j = first; j < (1UL << order); j++)
				acc += lookup(nth_page(page, j));
		}
		ns += ktime_get_ns() - t0;
		cond_resched();
	}
	WRITE_ONCE(sink, acc);
	return ps_per(ns, (unsigned long)nr * ((1UL << order) - first), loops);
}

static int run(const char *req)
{
	unsigned long start = 0, nr = 0, i;
	unsigned int order, loops, n;
	char what[8];
	enum kind kind;

	if (sscanf(req, "%7s", what) != 1)
		return -EINVAL;
	if (!strcmp(what, "pfn")) {
		if (sscanf(req, "%*s %li %lu %u %u", &start, &nr, &order, &loops) != 4)
			return -EINVAL;
		kind = PFN;
	} else if (!strcmp(what, "hugetlb") || !strcmp(what, "thp")) {
		if (sscanf(req, "%*s %u %u", &order, &loops) != 2)
			return -EINVAL;
		kind = what[0] == 'h' ? HUGETLB : THP;
	} else {
		return -EINVAL;
	}
	if (!order || order > PUD_ORDER || !loops || loops > 1000 || nr > MAX_FOLIOS)
		return -EINVAL;

	if (kind == PFN) {
		if (!IS_ALIGNED(start, 1UL << order) || !nr)
			return -EINVAL;
		for (i = 0; i < nr; i++) {
			unsigned long pfn = start + (i << order);

			/* The memmap of the whole folio, and a head of @order. */
			if (!pfn_valid(pfn) || !pfn_valid(pfn + (1UL << order) - 1))
				return -ENXIO;
			if (!PageHead(pfn_to_page(pfn)) ||
			    folio_order(pfn_folio(pfn)) != order)
				return -EINVAL;
			heads[i] = pfn;
		}
		n = nr;
	} else {
		n = find_heads(order, kind);
	}
	if (!n) {
		snprintf(result, sizeof(result), "folios=0\n");
		return 0;
	}
	/*
	 * Each timed loop runs without a reschedule point for up to
	 * MAX_LOOKUPS lookups (time_heads()) or one pass: keep that well
	 * under the soft lockup and RCU stall limits, even under TCG.
	 */
	if (((u64)n * loops) << order > MAX_LOOKUPS)
		return -E2BIG;
	snprintf(result, sizeof(result),
		 "folios=%u heads_ps=%llu tails_ps=%llu flags_ps=%llu bad=%lu\n",
		 n, time_heads(n, loops << order),
		 time_pages(n, order, loops, 1, head_of),
		 time_pages(n, order, loops, 0, flags_of), count_bad(n, order));
	return 0;
}

static ssize_t lookup_bench_write(struct file *file, const char __user *buf,
				  size_t count, loff_t *ppos)
{
	char req[64];
	int ret;

	if (count >= sizeof(req))
		return -EINVAL;
	if (copy_from_user(req, buf, count))
		return -EFAULT;
	req[count] = '\0';
	mutex_lock(&lock);
	ret = run(req);
	mutex_unlock(&lock);
	return ret ? ret : count;
}

static ssize_t lookup_bench_read(struct file *file, char __user *buf,
				 size_t count, loff_t *ppos)
{
	ssize_t ret;

	mutex_lock(&lock);
	ret = simple_read_from_buffer(buf, count, ppos, result, strlen(result));
	mutex_unlock(&lock);
	return ret;
}

static const struct file_operations lookup_bench_fops = {
	.owner = THIS_MODULE,
	.read = lookup_bench_read,
	.write = lookup_bench_write,
};

static struct dentry *file;

static int __init lookup_bench_init(void)
{
	file = debugfs_create_file("lookup_bench", 0600, NULL, NULL,
				   &lookup_bench_fops);
	return 0;
}

static void __exit lookup_bench_exit(void)
{
	debugfs_remove(file);
}

module_init(lookup_bench_init);
module_exit(lookup_bench_exit);
MODULE_DESCRIPTION("Time folio lookups over the struct pages of large folios");
MODULE_LICENSE("GPL");
