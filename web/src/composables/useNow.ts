import { onScopeDispose, ref, type Ref } from 'vue';

let now: Ref<number> | null = null;
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** One shared clock for every countdown on the page, ticking once a second while in use. */
export function useNow(): Ref<number> {
  now ??= ref(Date.now());
  const shared = now;
  if (users++ === 0) timer = setInterval(() => { shared.value = Date.now(); }, 1000);
  onScopeDispose(() => {
    if (--users === 0) clearInterval(timer);
  });
  return shared;
}
