<?php
// Router for `php -S`: real files are served as they are (PHP files run), every other path
// goes to WordPress's index.php, like the usual .htaccess rewrite does under Apache.
$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if ($path !== '/' && is_file($file)) {
	return false;
}
if (is_dir($file) && is_file(rtrim($file, '/') . '/index.php')) {
	return false;
}
// A site with plain permalinks usually has no rewrite rules at all (no .htaccess), so the web
// server answers 404 for /wp-json/ and the like: the test site does the same when asked.
if ($path !== '/' && is_file(getenv('SITEDESK_WP_INSTANCE') . '/no-rewrites')) {
	http_response_code(404);
	echo '<h1>Not Found</h1>';
	return true;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
