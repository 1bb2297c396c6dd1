import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort, waitForPort } from '../../bin/lib/free-port';

export interface Dovecot {
  port: number;
  user: string;
  password: string;
  stop(): Promise<void>;
}

function dovecotBinary(): string {
  for (const candidate of ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot']) {
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // try the next one
    }
  }
  throw new Error('dovecot is not installed (apt-get install -y dovecot-imapd; .ci/run does it)');
}

/**
 * A real IMAP server for the tests: Debian's dovecot with a throw-away configuration in a
 * temporary directory (plaintext IMAP on a free loopback port, one user, Maildir), run in the
 * foreground as a child of the test (no daemon, no systemd).
 */
export async function startDovecot(): Promise<Dovecot> {
  const binary = dovecotBinary();
  const dir = await mkdtemp(path.join(tmpdir(), 'keel-dovecot-'));
  await chmod(dir, 0o755);
  const port = await freePort();
  const user = 'support';
  const password = 'imap-secret';
  const root = userInfo().uid === 0;
  // As root, dovecot drops mail access to its own unprivileged user; otherwise it runs as us.
  const mailUser = root ? 'dovecot' : userInfo().username;
  const mailDir = path.join(dir, 'mail');
  await mkdir(mailDir, { recursive: true });
  if (root) {
    const uid = Number(execFileSync('id', ['-u', mailUser]).toString().trim());
    const gid = Number(execFileSync('id', ['-g', mailUser]).toString().trim());
    await chown(mailDir, uid, gid);
  }
  await writeFile(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
mail_location = maildir:${mailDir}/%u
${root ? '' : `default_internal_user = ${mailUser}\ndefault_login_user = ${mailUser}\ndefault_internal_group = ${userInfo().username}`}
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailUser} gid=${mailUser} home=${mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
protocol imap {
  mail_max_userip_connections = 50
}
`;
  await writeFile(path.join(dir, 'dovecot.conf'), config);
  const child: ChildProcess = spawn(binary, ['-F', '-c', path.join(dir, 'dovecot.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  try {
    await waitForPort(port, '127.0.0.1', 20_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`dovecot did not start: ${stderr}\n${String(error)}`);
  }
  return {
    port,
    user,
    password,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
