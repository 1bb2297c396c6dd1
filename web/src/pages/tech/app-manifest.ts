/**
 * Makes the technician app installable: the console and `/tech` share one `index.html`, so
 * the manifest (with its `/tech` scope) and the phone's theme colour are linked only while
 * the technician app is open; an agent's console never offers to install itself as it.
 */
const HEAD_TAGS: ReadonlyArray<{ tag: 'link' | 'meta'; attributes: Record<string, string> }> = [
  { tag: 'link', attributes: { rel: 'manifest', href: '/tech.webmanifest' } },
  { tag: 'link', attributes: { rel: 'apple-touch-icon', href: '/icons/keel-tech-192.png' } },
  { tag: 'meta', attributes: { name: 'theme-color', content: '#1f5f8b' } },
];

const MARK = 'data-keel-tech';

/** Adds the manifest's tags to `<head>` once; answers a function that removes them. */
export function linkAppManifest(head: HTMLHeadElement = document.head): () => void {
  if (!head.querySelector(`[${MARK}]`)) {
    for (const { tag, attributes } of HEAD_TAGS) {
      const element = document.createElement(tag);
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      element.setAttribute(MARK, '');
      head.append(element);
    }
  }
  return () => head.querySelectorAll(`[${MARK}]`).forEach((element) => element.remove());
}
