import { afterEach, describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { useSearchedList } from './useSearchedList';

describe('a searched list', () => {
  afterEach(() => vi.useRealTimers());

  it('keeps a failed read for the page to show, and clears it on the next good one', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(undefined);
    const list = useSearchedList(ref(''), load);
    await list.reload();
    expect(list.loadFailure.value?.message).toBe('offline');
    await list.reload('c2');
    expect(list.loadFailure.value).toBeNull();
    expect(load).toHaveBeenLastCalledWith('c2');
  });

  it('reads the first page again once typing pauses, not at every keystroke', async () => {
    vi.useFakeTimers();
    const query = ref('');
    const load = vi.fn().mockResolvedValue(undefined);
    useSearchedList(query, load);
    for (const typed of ['a', 'ac', 'acm']) {
      query.value = typed;
      await nextTick();
      vi.advanceTimersByTime(100);
    }
    expect(load).not.toHaveBeenCalled();
    vi.advanceTimersByTime(250);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledWith(null);
  });
});
