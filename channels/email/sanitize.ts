import sanitizeHtml from 'sanitize-html';

/** The attributes a blocked remote image keeps its sources in, for "show remote images". */
export const REMOTE_IMAGE_ATTRIBUTES = { src: 'data-remote-src', srcset: 'data-remote-srcset' } as const;

const REMOTE = /^\s*https?:\/\//i;

/**
 * Remote images are tracking pixels as often as content: fetching one tells the sender the
 * message was opened, when and from where. They are not fetched until an agent asks: the
 * source moves to a data attribute (the console can put it back), a `srcset` with it.
 */
function blockRemoteImage(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  // The data attributes are ours: a message's own copies of them are not kept.
  const { src, srcset, [REMOTE_IMAGE_ATTRIBUTES.src]: _src, [REMOTE_IMAGE_ATTRIBUTES.srcset]: _srcset, ...kept } = attribs;
  if (src !== undefined && REMOTE.test(src)) kept[REMOTE_IMAGE_ATTRIBUTES.src] = src;
  else if (src !== undefined) kept.src = src;
  if (srcset !== undefined && srcset.trim() !== '') kept[REMOTE_IMAGE_ATTRIBUTES.srcset] = srcset;
  return { tagName, attribs: kept };
}

/**
 * Email HTML made safe to store and show: no scripts, styles, forms, frames, event handlers
 * or javascript: links; links open outside the console; no remote resource is fetched on
 * display (remote images are blocked as above; style attributes and sheets, where CSS `url()`
 * lives, are not kept at all). Inline `cid:` images become data URIs before this (see parse.ts).
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'font', 'center', 'u', 's'],
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height', REMOTE_IMAGE_ATTRIBUTES.src, REMOTE_IMAGE_ATTRIBUTES.srcset],
      td: ['colspan', 'rowspan', 'align', 'valign'],
      th: ['colspan', 'rowspan', 'align', 'valign'],
      table: ['width', 'border', 'cellpadding', 'cellspacing'],
      font: ['color'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https', 'http', 'data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
    transformTags: {
      a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
      img: blockRemoteImage,
    },
    // Images without a source, and data: images that are not plain raster images, are dropped.
    exclusiveFilter: (frame) => frame.tag === 'img' && !keepImage(frame.attribs),
  });
}

function keepImage(attribs: sanitizeHtml.Attributes): boolean {
  const remote = attribs[REMOTE_IMAGE_ATTRIBUTES.src];
  if (remote !== undefined) return REMOTE.test(remote);
  const src = attribs.src;
  return src !== undefined && src !== '' && (!/^data:/i.test(src) || /^data:image\/(png|jpeg|gif|webp);base64,/i.test(src));
}

/** Plain text from HTML, for messages that only have an HTML part. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<\s*(br|\/p|\/div|\/tr|\/li|\/h\d)\b[^>]*>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {}, nonTextTags: ['script', 'style', 'title', 'head'] });
  return decodeEntities(text).replace(/[ \t\u00a0]+/g, ' ').replace(/\n\s*\n\s*\n+/g, '\n\n').trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}
