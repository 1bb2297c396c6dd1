import { spawnSync } from 'node:child_process';
import { chmod, cp, lstat, mkdir, mkdtemp, readdir, realpath, rm, symlink } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The final stage of a Dockerfile: its WORKDIR, its ENV, and the files it copies into the image. */
export interface ImageStage {
  workdir: string;
  env: Record<string, string>;
  copies: { from: string | null; sources: string[]; destination: string }[];
}

export function finalStage(dockerfile: string): ImageStage {
  const lines = dockerfile.replace(/\\\r?\n/g, ' ').split(/\r?\n/).map((line) => line.trim());
  const last = lines.findLastIndex((line) => /^FROM\s/i.test(line));
  const stage: ImageStage = { workdir: '/', env: {}, copies: [] };
  for (const line of lines.slice(last + 1)) {
    const [instruction = '', ...words] = line.split(/\s+/);
    if (/^WORKDIR$/i.test(instruction)) stage.workdir = path.posix.resolve(stage.workdir, words[0]!);
    if (/^ENV$/i.test(instruction)) {
      for (const word of words) {
        const at = word.indexOf('=');
        if (at > 0) stage.env[word.slice(0, at)] = word.slice(at + 1).replace(/^"(.*)"$/, '$1');
      }
    }
    if (/^COPY$/i.test(instruction)) {
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length) ?? null;
      const paths = words.filter((word) => !word.startsWith('--'));
      stage.copies.push({ from, sources: paths.slice(0, -1), destination: paths.at(-1)! });
    }
  }
  return stage;
}

/**
 * The application folder as the image holds it, built from the final stage's COPY lines: the
 * build context's files, the console build (`--from=build /app/web/dist`, when it was built)
 * and `node_modules` (linked, not copied: it is large and only read). Every file and folder is
 * then made read-only, so the processes started on it can write nowhere in it.
 */
export async function readOnlyImageFiles(projectRoot: string, stage: ImageStage): Promise<{ dir: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'keel-image-'));
  await chmod(root, 0o755);
  const app = path.join(root, stage.workdir.replace(/^\//, ''));
  await mkdir(app, { recursive: true });
  for (const copy of stage.copies) {
    for (const source of copy.sources) {
      // A stage's files sit at the same place as in the build context (every stage works in WORKDIR).
      const from = copy.from === null ? path.join(projectRoot, source) : path.join(projectRoot, path.posix.relative(stage.workdir, source));
      const into = copy.destination.endsWith('/') || copy.sources.length > 1
        ? path.join(app, copy.destination, path.basename(source))
        : path.join(app, copy.destination);
      if (copy.from !== null && !existsSync(from)) continue; // a build output not built here
      await mkdir(path.dirname(into), { recursive: true });
      if (path.basename(source) === 'node_modules') await symlink(from, into);
      else await cp(from, into, { recursive: true });
    }
  }
  await makeReadOnly(root);
  return {
    dir: app,
    async remove() {
      await makeWritable(root);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/**
 * Replaces the linked `node_modules` with a tree of hard links to the same files, for a user
 * who cannot reach the original (a checkout under a private home folder): new folders, open to
 * all, over the same read-only file contents.
 */
export async function hardLinkNodeModules(app: string): Promise<void> {
  const link = path.join(app, 'node_modules');
  const target = await realpath(link);
  await chmod(app, 0o755);
  await rm(link);
  const result = spawnSync('cp', ['-al', target, link], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cannot hard-link node_modules for the unprivileged user: ${result.stderr}`);
  await chmod(app, 0o555);
}

async function makeReadOnly(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) await makeReadOnly(full);
    else if (entry.isFile()) await chmod(full, 0o444);
  }
  await chmod(dir, 0o555);
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !(await lstat(path.join(dir, entry.name))).isSymbolicLink()) await makeWritable(path.join(dir, entry.name));
  }
}
