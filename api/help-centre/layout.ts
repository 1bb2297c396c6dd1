import { escapeHtml } from '../../domain/kb/escape-html';

export interface PageMeta {
  title: string;
  description: string;
  /** Absolute canonical URL of the page. */
  canonical: string;
  type?: 'website' | 'article';
  jsonLd?: object;
}

/** JSON inside a <script> block: `<` escaped so no text in it can close the block. */
function scriptJson(value: object): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

/** A help-centre page: plain server-rendered HTML with its SEO head, readable without JavaScript. */
export function layout(org: { name: string }, home: string, meta: PageMeta, main: string): string {
  const e = escapeHtml;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(meta.title)}</title>
<meta name="description" content="${e(meta.description)}">
<link rel="canonical" href="${e(meta.canonical)}">
<meta property="og:type" content="${meta.type ?? 'website'}">
<meta property="og:title" content="${e(meta.title)}">
<meta property="og:description" content="${e(meta.description)}">
<meta property="og:url" content="${e(meta.canonical)}">
<meta property="og:site_name" content="${e(org.name)} help centre">
${meta.jsonLd ? `<script type="application/ld+json">${scriptJson(meta.jsonLd)}</script>` : ''}
<style>body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:0 auto;padding:1rem;color:#1f2328}a{color:#0b5cad}header{display:flex;justify-content:space-between;align-items:center;gap:1rem;flex-wrap:wrap;border-bottom:1px solid #ddd;padding-bottom:.5rem}mark{background:#fff1a8}input[type=search]{padding:.4rem;width:16rem}</style>
</head>
<body>
<header><a href="${e(home)}"><strong>${e(org.name)}</strong> help centre</a>
<form action="${e(home)}/search" method="get" role="search"><input type="search" name="q" aria-label="Search articles" placeholder="Search articles"> <button>Search</button></form></header>
<main>
${main}
</main>
</body>
</html>`;
}
