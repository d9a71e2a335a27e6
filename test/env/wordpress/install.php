<?php
/**
 * Installs WordPress without a browser into the database of the instance named by
 * SITEDESK_WP_INSTANCE (run by prepare.sh once per machine). Prints JSON with the users and
 * their Application Passwords; prepare.sh keeps it next to the pristine copy.
 */
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
require __DIR__ . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

$result = wp_install('Sitedesk Test Site', 'admin', 'admin@example.test', true, '', wp_generate_password(24));
if (is_wp_error($result)) {
	fwrite(STDERR, $result->get_error_message() . "\n");
	exit(1);
}
update_option('permalink_structure', '/%postname%/');
update_option('timezone_string', 'Europe/Prague');
flush_rewrite_rules(true);

$admin_id = (int) $result['user_id'];
[$admin_password] = WP_Application_Passwords::create_new_application_password($admin_id, ['name' => 'sitedesk-tests']);

// An author may publish posts and upload media but not publish pages: verify() must say so.
$author_id = wp_insert_user([
	'user_login' => 'author',
	'user_pass' => wp_generate_password(24),
	'user_email' => 'author@example.test',
	'role' => 'author',
]);
if (is_wp_error($author_id)) {
	fwrite(STDERR, $author_id->get_error_message() . "\n");
	exit(1);
}
[$author_password] = WP_Application_Passwords::create_new_application_password($author_id, ['name' => 'sitedesk-tests']);

echo json_encode([
	'admin' => ['username' => 'admin', 'appPassword' => $admin_password],
	'author' => ['username' => 'author', 'appPassword' => $author_password],
]), "\n";
