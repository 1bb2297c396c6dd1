import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/** Raw HTML in an article's Markdown is shown as text, never rendered; links are kept. */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/**
 * An article's Markdown as HTML safe to serve on the public help centre: markdown-it with
 * raw HTML off, then sanitize-html as a second line (no scripts, styles, event handlers or
 * javascript: links, whatever a markdown-it plugin might someday emit).
 */
export function renderArticleHtml(body: string): string {
  return sanitizeHtml(markdown.render(body), {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'h1', 'h2', 'del', 's'],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'], code: ['class'], th: ['style'], td: ['style'] },
    allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https', 'http'] },
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener nofollow' }) },
  });
}

export interface ArticleSearchText {
  /** The headings' words, one heading a line: weighted between the title and the body. */
  headings: string;
  /** The body's words without Markdown syntax (headings included, link targets and code fences' info not). */
  text: string;
}

/** What the full-text index reads from an article's Markdown. */
export function articleSearchText(body: string): ArticleSearchText {
  const headings: string[] = [];
  const words: string[] = [];
  let inHeading = false;
  for (const token of markdown.parse(body, {})) {
    if (token.type === 'heading_open') inHeading = true;
    else if (token.type === 'heading_close') inHeading = false;
    else if (token.type === 'inline') {
      const text = (token.children ?? []).filter((child) => child.type === 'text' || child.type === 'code_inline').map((child) => child.content).join('');
      if (inHeading) headings.push(text);
      words.push(text);
    } else if (token.type === 'fence' || token.type === 'code_block') words.push(token.content);
  }
  return { headings: headings.join('\n'), text: words.join('\n') };
}
