/**
 * npm run bench — working-day deadlines per second: full computeDeadline, the bare lookup, and a
 * naive day-by-day loop, over the same calendar data and the same random inputs in one run.
 */
import { nationalCalendarFromChineseDays } from '@anjian/seeds/calendar/chinese-days';
import { WorkingCalendar } from '../src/calendar';
import { computeDeadline } from '../src/deadline';
import { MS_PER_DAY, dayOfInstant } from '../src/local-date';
import { naiveWorkingDayDeadline } from '../src/naive-working-days';

const INPUTS = 100_000;
const MIN_RUN_MS = 1_000;

// Deterministic pseudo-random inputs (mulberry32) so runs are comparable.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const data = nationalCalendarFromChineseDays(1);
const calendar = WorkingCalendar.from(data);
const naive = naiveWorkingDayDeadline(data);

const random = mulberry32(20260213);
const from = Date.UTC(2020, 0, 1);
const span = Date.UTC(2026, 10, 1) - from;
const startMs = new Float64Array(INPUTS);
const starts: Date[] = [];
const amounts = new Int32Array(INPUTS);
for (let i = 0; i < INPUTS; i++) {
  startMs[i] = from + Math.floor(random() * span);
  starts.push(new Date(startMs[i]));
  amounts[i] = 1 + Math.floor(random() * 30); // 1–30 working days, typical for enforcement steps
}
const startDays = Int32Array.from(startMs, (ms) => dayOfInstant(ms));

let sink = 0; // keeps results alive so the JIT cannot drop the work

function measure(run: (i: number) => void): number {
  for (let i = 0; i < 20_000; i++) run(i % INPUTS); // warm-up
  let calls = 0;
  const began = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < INPUTS; i++) run(i);
    calls += INPUTS;
    elapsed = performance.now() - began;
  } while (elapsed < MIN_RUN_MS);
  return (calls / elapsed) * 1000;
}

// Same answers before timing anything.
for (let i = 0; i < 2_000; i++) {
  const engine = computeDeadline(calendar, { start: starts[i], duration: { amount: amounts[i], unit: 'workingDays' } });
  const lookup = (calendar.addWorkingDaysAt(startDays[i], amounts[i]) + 1) * MS_PER_DAY - 8 * 3_600_000;
  const reference = naive(startMs[i], amounts[i]);
  if (engine.dueAt.getTime() !== reference || lookup !== reference) throw new Error(`mismatch on input ${i}`);
}

const rows: [string, number][] = [
  [
    'computeDeadline (workingDays, full result)',
    measure((i) => {
      sink += computeDeadline(calendar, { start: starts[i], duration: { amount: amounts[i], unit: 'workingDays' } }).adjustments.length;
    }),
  ],
  ['addWorkingDaysAt (bare lookup)', measure((i) => (sink += calendar.addWorkingDaysAt(startDays[i], amounts[i])))],
  ['naive day-by-day loop', measure((i) => (sink += naive(startMs[i], amounts[i])))],
];

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const width = Math.max(...rows.map(([name]) => name.length));
console.log(
  `Node ${process.version}, ${INPUTS.toLocaleString('en-US')} random inputs (2020–2026, 1–30 working days), calendar ${calendar.label}`,
);
console.log(`${'case'.padEnd(width)} | ops/s`);
console.log(`${'-'.repeat(width)}-|-${'-'.repeat(14)}`);
for (const [name, perSecond] of rows) console.log(`${name.padEnd(width)} | ${fmt(perSecond).padStart(14)}`);
console.log(`lookup vs naive: ×${fmt(rows[1][1] / rows[2][1])}; computeDeadline vs naive: ×${fmt(rows[0][1] / rows[2][1])}`);
if (sink === 0.5) console.log(''); // never true; reads sink
