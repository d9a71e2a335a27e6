/**
 * A realistic WordPress page as its theme serves it (block markup, block comments,
 * inline script and style, entities, Czech text and an emoji), with two sitedesk regions.
 * Written with LF line ends; tests derive the CRLF variant.
 */
export const WORDPRESS_PAGE = `<!DOCTYPE html>
<html lang="cs">
<head>
<meta charset="UTF-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>Kontakt &#8211; Kavárna U Zlatého klíče</title>
<link rel='stylesheet' id='wp-block-library-css' href='https://kavarna.example/wp-includes/css/dist/block-library/style.min.css?ver=6.8.1' media='all' />
<style id='global-styles-inline-css'>
:root{--wp--preset--color--black: #000000;}
</style>
<script type="text/javascript" id="wp-emoji-js">/* <![CDATA[ */ window._wpemojiSettings = {"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/15.0.3\\/72x72\\/"}; /* ]]> */</script>
</head>
<body class="page-template-default page page-id-42 wp-custom-logo">
<div class="wp-site-blocks">
<header class="wp-block-template-part"><!-- wp:site-title /--><p class="wp-block-site-title"><a href="https://kavarna.example" rel="home">Kavárna U Zlatého klíče ☕</a></p></header>
<main class="wp-block-group">
<!-- wp:heading -->
<h2 class="wp-block-heading">Kde nás najdete</h2>
<!-- /wp:heading -->

<!-- wp:paragraph -->
<p>Náměstí Míru 7, 120&nbsp;00 Praha&nbsp;2 — „přímo u metra“ 😊</p>
<!-- /wp:paragraph -->

<!-- wp:html -->
<!-- sitedesk:opening-hours -->
<table class="hours"><tr><th>Po–Pá</th><td>7:30–19:00</td></tr><tr><th>So–Ne</th><td>9:00–18:00</td></tr></table>
<!-- /sitedesk:opening-hours -->
<!-- /wp:html -->

<!-- wp:html -->
<div class="promo"><!--sitedesk:promo--><p>Zatím žádná akce.</p><!--/sitedesk:promo--></div>
<!-- /wp:html -->

<!-- wp:paragraph {"className":"note"} -->
<p class="note">Platba kartou i hotově. <!-- kept: editor note --> Ceny vč.&nbsp;DPH.</p>
<!-- /wp:paragraph -->
</main>
<footer class="wp-block-template-part"><p>© 2026 Kavárna U Zlatého klíče s.r.o.</p></footer>
</div>
<script type="speculationrules">{"prefetch":[{"source":"document","where":{"href_matches":"\\/*"}}]}</script>
</body>
</html>
`;

/** A Hugo content file with front matter and a region in its Markdown body. */
export const HUGO_PAGE = `---
title: "Otevírací doba"
date: 2026-11-01T09:00:00+01:00
draft: false
---

Jsme tu pro vás každý den.

<!-- sitedesk:opening-hours -->
| Den | Hodiny |
|-----|--------|
| Po–Pá | 7:30–19:00 |
<!-- /sitedesk:opening-hours -->

{{< map "Náměstí Míru 7" >}}
`;
