// Summarises a V8 CPU profile (`node --cpu-prof`): the functions with the most self time, and the
// share of samples in which the process was idle (waiting on I/O: fsync, sockets, timers).
// Usage: node tools/scripts/run-ts.js tools/bench/profile.ts file.cpuprofile [top=15]
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT, report } from './support';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly hitCount?: number;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
}

export interface ProfileFrame {
  readonly frame: string;
  readonly selfMs: number;
  readonly selfPercent: number;
}

export interface ProfileSummary {
  readonly wallMs: number;
  readonly idlePercent: number;
  readonly gcPercent: number;
  readonly top: readonly ProfileFrame[];
}

export function summariseProfile(file: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const wallMs = (profile.endTime - profile.startTime) / 1000;
  const total = profile.samples.length || 1;
  const msPerSample = wallMs / total;
  const byFrame = new Map<string, number>();
  let idle = 0;
  let gc = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (hits === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') idle += hits;
    if (functionName === '(garbage collector)') gc += hits;
    const where = url ? `${url.startsWith('file://') ? relative(ROOT, url.slice(7)) : url}:${lineNumber + 1}` : '';
    const frame = `${functionName || '(anonymous)'} ${where}`.trim();
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + hits);
  }
  const frames = [...byFrame.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, hits]) => ({ frame, selfMs: Math.round(hits * msPerSample), selfPercent: Math.round((hits / total) * 1000) / 10 }));
  return { wallMs: Math.round(wallMs), idlePercent: Math.round((idle / total) * 1000) / 10, gcPercent: Math.round((gc / total) * 1000) / 10, top: frames };
}

if (process.argv[1]?.endsWith('profile.ts')) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: profile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  const summary = summariseProfile(file, Number(process.argv[3] ?? 15));
  console.log(`wall ${summary.wallMs} ms, idle ${summary.idlePercent}%, GC ${summary.gcPercent}%`);
  for (const f of summary.top) console.log(`${String(f.selfPercent).padStart(5)}%  ${String(f.selfMs).padStart(7)} ms  ${f.frame}`);
  report(summary);
}
