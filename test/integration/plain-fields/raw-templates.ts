/**
 * Templates that print every plain field raw — the way a careless theme does — for the four
 * sample sites: the title into text, a double- and a single-quoted attribute and two script
 * strings on one line, and the description, tags and categories into text. Written over a copy
 * of test/fixtures/sites/<generator> by the plain-fields test (issue 16).
 */
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureSite } from '../git/harness.js';

type Generator = 'hugo' | 'jekyll' | 'eleventy' | 'astro';

const HUGO_SINGLE = `{{ define "main" }}<article>{{ printf "<h1>%s</h1><div title=\\"%s\\">a</div><div title='%s'>b</div><p class=\\"desc\\">%s</p><script>var a = \\"%s\\"; var b = '%s';</script>" .Title .Title .Title (.Params.description | default "") .Title .Title | safeHTML }}<ul>{{ range .Params.tags }}<li>{{ . | safeHTML }}</li>{{ end }}</ul><ul>{{ range .Params.categories }}<li>{{ . | safeHTML }}</li>{{ end }}</ul>{{ .Content }}</article>{{ end }}
`;

const HUGO_BASEOF = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8">{{ printf "<title>%s</title>" .Title | safeHTML }}</head>
<body><main>{{ block "main" . }}{{ end }}</main></body>
</html>
`;

const JEKYLL_POST = `---
layout: default
---
<article><h1>{{ page.title }}</h1><div title="{{ page.title }}">a</div><div title='{{ page.title }}'>b</div><p class="desc">{{ page.description }}</p><ul>{% for t in page.tags %}<li>{{ t }}</li>{% endfor %}</ul><ul>{% for c in page.categories %}<li>{{ c }}</li>{% endfor %}</ul><script>var a = "{{ page.title }}"; var b = '{{ page.title }}';</script>{{ content }}</article>
`;

const ELEVENTY_RAW = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title | safe }}</title></head>
<body><h1>{{ title | safe }}</h1><div title="{{ title | safe }}">a</div><div title='{{ title | safe }}'>b</div><p class="desc">{{ description | safe }}</p><ul>{% for t in tags %}<li>{{ t | safe }}</li>{% endfor %}</ul><script>var a = "{{ title | safe }}"; var b = '{{ title | safe }}';</script>{{ content | safe }}</body></html>
`;

const ASTRO_POST = `---
import { getCollection, render } from 'astro:content';

export async function getStaticPaths() {
  const posts = await getCollection('blog', ({ data }) => !data.draft && data.pubDate <= new Date());
  return posts.map((post) => ({ params: { slug: post.id }, props: { post } }));
}
const { post } = Astro.props;
const { Content } = await render(post);
const t = post.data.title;
const raw = \`<div title="\${t}">a</div><div title='\${t}'>b</div><script>var a = "\${t}"; var b = '\${t}';</script>\`;
---
<html lang="en"><head><meta charset="utf-8" /><title set:html={t}></title></head>
<body><h1 set:html={t}></h1><Fragment set:html={raw} /><p class="desc" set:html={post.data.description}></p><ul>{(post.data.tags ?? []).map((tag) => <li set:html={tag} />)}</ul><Content /></body></html>
`;

const FILES: Record<Generator, Record<string, string>> = {
  hugo: {
    'layouts/_default/single.html': HUGO_SINGLE,
    'layouts/_default/baseof.html': HUGO_BASEOF,
  },
  jekyll: { '_layouts/post.html': JEKYLL_POST },
  eleventy: {
    '_includes/raw.njk': ELEVENTY_RAW,
    'posts/posts.json': '{ "layout": "raw.njk", "tags": ["post"] }\n',
  },
  astro: { 'src/pages/blog/[...slug].astro': ASTRO_POST },
};

/** A copy of the sample site of `generator` with raw-printing templates; returns its folder. */
export async function rawSite(generator: Generator): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), `plain16-${generator}-`)), 'site');
  await cp(fixtureSite(generator), dir, { recursive: true });
  for (const [path, text] of Object.entries(FILES[generator]))
    await writeFile(join(dir, path), text);
  return dir;
}
