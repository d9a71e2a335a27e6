<?php
/**
 * wp-config of the shared, read-only WordPress copy used by the tests (test/env/wordpress).
 * Everything that differs per running site (database socket, host and port, uploads folder,
 * must-use plugins) comes from the instance file named by SITEDESK_WP_INSTANCE, so one copy
 * of the code serves any number of sites at once.
 */
$sitedesk_instance = getenv('SITEDESK_WP_INSTANCE');
if (!$sitedesk_instance || !is_file($sitedesk_instance . '/instance.php')) {
	http_response_code(500);
	exit("SITEDESK_WP_INSTANCE does not name an instance folder\n");
}
require $sitedesk_instance . '/instance.php';

define('DB_NAME', 'wordpress');
define('DB_USER', 'wordpress');
define('DB_PASSWORD', 'wordpress');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');

// Fixed salts: this is a throwaway test site; fixed values keep the pristine copy reusable.
define('AUTH_KEY', 'sitedesk-test-auth-key');
define('SECURE_AUTH_KEY', 'sitedesk-test-secure-auth-key');
define('LOGGED_IN_KEY', 'sitedesk-test-logged-in-key');
define('NONCE_KEY', 'sitedesk-test-nonce-key');
define('AUTH_SALT', 'sitedesk-test-auth-salt');
define('SECURE_AUTH_SALT', 'sitedesk-test-secure-auth-salt');
define('LOGGED_IN_SALT', 'sitedesk-test-logged-in-salt');
define('NONCE_SALT', 'sitedesk-test-nonce-salt');

// 'local' lets Application Passwords work over plain http (wp_is_application_passwords_supported).
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('WP_DEBUG', false);
define('WP_DEBUG_DISPLAY', false);

$table_prefix = 'wp_';

if (!defined('ABSPATH')) {
	define('ABSPATH', __DIR__ . '/');
}
require_once ABSPATH . 'wp-settings.php';
