// Verify a "double random" draw published by Fazhi (algorithm fazhi-draw-v1), in the browser.
//
// The same checks, in the same order and with the same messages, as verify_draw.py (the
// standalone verifier in Python's standard library): the page downloads the published bundle
// and recomputes it here, with the browser's own SHA-256 and HMAC-SHA256 (Web Crypto); nothing
// is asked of the server but the bundle. Also runs under Node.js 18+ (globalThis.crypto), which
// is how the test suite checks that both verifiers agree.
//
// 在浏览器中独立验证抽取结果：下载公布的抽取数据包，用浏览器自带的 SHA-256 重新计算，
// 与 Python 验证程序 verify_draw.py 的算法逐字节一致。

export const ALGORITHM = "fazhi-draw-v1";
const KEYS = [
  "algorithm", "pool", "inspectors", "experts", "conflicts", "ratios", "inspectors_per_entity",
  "experts_per_entity", "inspector_cap", "commitments", "secrets", "public_value", "seed",
  "selected", "assignments",
];
const SECRET = /^[0-9a-f]{64}$/;
const CHUNK = 4096; // HMACs computed at once (Web Crypto is asynchronous)

export class Mismatch extends Error {}

const encoder = new TextEncoder();
const subtle = () => globalThis.crypto.subtle;

function hex(bytes) {
  let out = "";
  for (const b of new Uint8Array(bytes)) out += b.toString(16).padStart(2, "0");
  return out;
}

async function sha256Hex(text) {
  return hex(await subtle().digest("SHA-256", encoder.encode(text)));
}

// Python compares strings by Unicode code point; JavaScript's < by UTF-16 code unit. They
// differ only when a character beyond U+FFFF meets one in U+E000–U+FFFF, so compare by code
// point whenever a surrogate is involved.
export function compareCodePoints(a, b) {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      const surrogate = (c) => c >= 0xd800 && c <= 0xdfff;
      if (surrogate(x) || surrogate(y)) return a.codePointAt(i) - b.codePointAt(i);
      return x - y;
    }
  }
  return a.length - b.length;
}

const sortedCopy = (items) => [...items].sort(compareCodePoints);
const repr = (value) => JSON.stringify(value);

function compareBytes(a, b) {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return 0;
}

async function digestOfLines(lines) {
  return sha256Hex(sortedCopy(lines).join("\n"));
}

// ceil(size x ratio) in exact arithmetic, at most size (Python's decimal.Decimal syntax for
// finite numbers: sign, digits, fraction, exponent).
export function howMany(size, ratioText) {
  const match = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(ratioText);
  if (!match || (match[2] === "" && (match[3] || "") === "")) {
    throw new Mismatch(`抽查比例不是十进制数 / ratio is not a decimal: ${repr(ratioText)}`);
  }
  const digits = BigInt((match[2] || "") + (match[3] || "") || "0");
  const exponent = BigInt(match[4] || "0") - BigInt((match[3] || "").length);
  if (match[1] === "-" && digits !== 0n) {
    throw new Mismatch(`抽查比例无效 / invalid ratio: ${repr(ratioText)}`);
  }
  let product = BigInt(size) * digits;
  let k;
  if (exponent >= 0n) {
    k = product * 10n ** exponent;
  } else {
    const divisor = 10n ** -exponent;
    k = product / divisor + (product % divisor === 0n ? 0n : 1n);
  }
  return Number(k < BigInt(size) ? k : BigInt(size));
}

function checkShape(bundle) {
  if (bundle === null || typeof bundle !== "object" || Array.isArray(bundle)) {
    throw new Mismatch("文件内容不是 JSON 对象 / the bundle is not a JSON object");
  }
  const present = Object.keys(bundle);
  const missing = KEYS.filter((k) => !present.includes(k)).sort(compareCodePoints);
  const extra = present.filter((k) => !KEYS.includes(k)).sort(compareCodePoints);
  if (missing.length || extra.length) {
    throw new Mismatch(`键不符 / keys differ: missing ${repr(missing)}, unexpected ${repr(extra)}`);
  }
  if (bundle.algorithm !== ALGORITHM) {
    throw new Mismatch(`算法不是 ${ALGORITHM} / unknown algorithm: ${repr(bundle.algorithm)}`);
  }
  const strings = (name, items, width) => {
    if (!Array.isArray(items)) throw new Mismatch(`${name} 应为列表 / must be a list`);
    for (const item of items) {
      if (width && (!Array.isArray(item) || item.length !== width)) {
        throw new Mismatch(`${name} 中的项应为 ${width} 个字符串 / items must be pairs: ${repr(item)}`);
      }
      for (const part of width ? item : [item]) {
        if (typeof part !== "string" || !part || /[\t\n\r]/.test(part)) {
          throw new Mismatch(`${name} 中有无效的值 / invalid value in ${name}: ${repr(item)}`);
        }
      }
    }
  };
  strings("pool", bundle.pool, 2);
  strings("inspectors", bundle.inspectors, 0);
  strings("experts", bundle.experts, 0);
  strings("conflicts", bundle.conflicts, 2);
  strings("selected", bundle.selected, 2);
  for (const name of ["inspectors_per_entity", "experts_per_entity"]) {
    const value = bundle[name];
    if (!Number.isInteger(value) || value < 0) {
      throw new Mismatch(`${name} 应为非负整数 / must be a non-negative integer: ${repr(value)}`);
    }
  }
  const cap = bundle.inspector_cap;
  if (cap !== null && (!Number.isInteger(cap) || cap < 1)) {
    throw new Mismatch(`inspector_cap 应为正整数或 null / must be a positive integer or null: ${repr(cap)}`);
  }
  const ratios = bundle.ratios;
  if (ratios === null || typeof ratios !== "object" || Array.isArray(ratios)
      || !Object.values(ratios).every((v) => typeof v === "string")) {
    throw new Mismatch("ratios 应为 分层 → 比例字符串 / ratios must map strata to decimal strings");
  }
  if (typeof bundle.public_value !== "string") {
    throw new Mismatch("public_value 应为字符串 / must be a string");
  }
  if (bundle.assignments === null || typeof bundle.assignments !== "object" || Array.isArray(bundle.assignments)) {
    throw new Mismatch("assignments 应为对象 / must be an object");
  }
  for (const name of ["commitments", "secrets"]) {
    if (!Array.isArray(bundle[name]) || !bundle[name].every((v) => typeof v === "string")) {
      throw new Mismatch(`${name} 应为字符串列表 / must be a list of strings`);
    }
  }
}

function checkSortedUnique(name, lines) {
  for (let i = 1; i < lines.length; i++) {
    if (compareCodePoints(lines[i - 1], lines[i]) > 0) {
      throw new Mismatch(`${name} 未按规定排序 / ${name} is not sorted`);
    }
  }
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === lines[i - 1]) {
      throw new Mismatch(`${name} 中有重复项 / duplicate in ${name}: ${repr(lines[i])}`);
    }
  }
}

// [[score bytes, id]] for HMAC-SHA256(seed, prefix + id) of every id, ranked (ties by id).
async function ranked(key, prefix, ids, progress) {
  const scored = [];
  for (let start = 0; start < ids.length; start += CHUNK) {
    const part = ids.slice(start, start + CHUNK);
    const macs = await Promise.all(
      part.map((id) => subtle().sign("HMAC", key, encoder.encode(prefix + id))),
    );
    part.forEach((id, i) => scored.push([new Uint8Array(macs[i]), id]));
    if (progress) progress(part.length);
  }
  scored.sort((a, b) => compareBytes(a[0], b[0]) || compareCodePoints(a[1], b[1]));
  return scored.map((pair) => pair[1]);
}

function firstDifference(name, recomputed, published) {
  const n = Math.min(recomputed.length, published.length);
  for (let i = 0; i < n; i++) {
    const mine = recomputed[i];
    const theirs = published[i];
    if (repr(mine) !== repr(theirs)) {
      return `${name} 第 ${i + 1} 项不符 / item ${i + 1} differs: recomputed ${repr(mine)}, bundle ${repr(theirs)}`;
    }
  }
  return `${name} 数量不符 / count differs: recomputed ${recomputed.length}, bundle ${published.length}`;
}

// Recompute the draw of `bundle`; resolve to the report lines, or reject with Mismatch.
// `onProgress(done, total)` is told how many scores of the entities have been computed.
export async function verify(bundle, expectedDigests = {}, onProgress = null) {
  checkShape(bundle);
  const report = [];
  const poolLines = bundle.pool.map(([stratum, entity]) => `${stratum}\t${entity}`);
  const conflictLines = bundle.conflicts.map(([entity, person]) => `${entity}\t${person}`);
  checkSortedUnique("pool", poolLines);
  checkSortedUnique("inspectors", bundle.inspectors);
  checkSortedUnique("experts", bundle.experts);
  checkSortedUnique("conflicts", conflictLines);
  const entityIds = bundle.pool.map((pair) => pair[1]);
  if (new Set(entityIds).size !== entityIds.length) {
    throw new Mismatch("同一检查对象出现在多个分层中 / an entity is in more than one stratum");
  }
  const withoutRatio = [...new Set(bundle.pool.map((pair) => pair[0]))]
    .filter((s) => !Object.hasOwn(bundle.ratios, s))
    .sort(compareCodePoints);
  if (withoutRatio.length) {
    throw new Mismatch(`分层没有抽查比例 / stratum without a ratio: ${repr(withoutRatio[0])}`);
  }

  const digests = {
    pool: await digestOfLines(poolLines),
    inspector: await digestOfLines(bundle.inspectors),
    expert: await digestOfLines(bundle.experts),
    conflict: await digestOfLines(conflictLines),
  };
  const counts = {
    pool: poolLines.length,
    inspector: bundle.inspectors.length,
    expert: bundle.experts.length,
    conflict: conflictLines.length,
  };
  const labels = {
    pool: "检查对象名录 / entity pool",
    inspector: "执法检查人员 / inspectors",
    expert: "专家 / experts",
    conflict: "回避关系 / conflicts",
  };
  for (const name of ["pool", "inspector", "expert", "conflict"]) {
    const wanted = (expectedDigests || {})[name];
    if (wanted && wanted.toLowerCase() !== digests[name]) {
      throw new Mismatch(
        `${labels[name]} 摘要与抽取前公布的不符 / digest differs from the one published: `
        + `${digests[name]} != ${wanted.toLowerCase()}`,
      );
    }
    const note = wanted ? "（与公布值一致 / matches the published digest）" : "";
    report.push(`${labels[name]}: ${counts[name]} 条 / lines, sha256 ${digests[name]}${note}`);
  }

  const { commitments, secrets } = bundle;
  if (!secrets.length || commitments.length !== secrets.length) {
    throw new Mismatch(
      `承诺值 ${commitments.length} 个、秘密值 ${secrets.length} 个，数量不符或为零 / `
      + "commitments and secrets must pair up",
    );
  }
  for (let number = 1; number <= secrets.length; number++) {
    const secret = secrets[number - 1];
    if (!SECRET.test(secret)) {
      throw new Mismatch(`第 ${number} 个秘密值不是 64 位小写十六进制 / secret #${number} is not 64 lowercase hex`);
    }
    if ((await sha256Hex(secret)) !== commitments[number - 1]) {
      throw new Mismatch(`第 ${number} 个秘密值与其承诺值不符 / secret #${number} does not match its commitment`);
    }
  }
  report.push(`承诺值 / commitments: ${secrets.length} 个全部相符 / all match`);

  const seedText = [
    ALGORITHM, digests.pool, digests.inspector, digests.expert, digests.conflict, ...secrets,
    bundle.public_value,
  ].join("\n");
  const seed = new Uint8Array(await subtle().digest("SHA-256", encoder.encode(seedText)));
  if (hex(seed) !== bundle.seed) {
    throw new Mismatch(`种子不符 / seed differs: recomputed ${hex(seed)}, bundle ${bundle.seed}`);
  }
  report.push(`种子 / seed: ${hex(seed)} 相符 / matches`);
  const key = await subtle().importKey("raw", seed, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);

  const byStratum = new Map();
  for (const [stratum, entity] of bundle.pool) {
    if (!byStratum.has(stratum)) byStratum.set(stratum, []);
    byStratum.get(stratum).push(entity);
  }
  const total = entityIds.length;
  let done = 0;
  const tick = (n) => {
    done += n;
    if (onProgress) onProgress(done, total);
  };
  const selected = [];
  for (const stratum of Object.keys(bundle.ratios).sort(compareCodePoints)) {
    const members = byStratum.get(stratum) || [];
    const k = howMany(members.length, bundle.ratios[stratum]);
    const order = await ranked(key, "entity\n", members, tick);
    for (const entity of order.slice(0, k)) selected.push([stratum, entity]);
  }
  if (repr(selected) !== repr(bundle.selected)) {
    throw new Mismatch(firstDifference("selected / 抽中对象", selected, bundle.selected));
  }
  report.push(`抽中对象 / selected entities: ${selected.length} 个相符 / match`);

  const avoid = new Map();
  for (const [entity, person] of bundle.conflicts) {
    if (!avoid.has(entity)) avoid.set(entity, new Set());
    avoid.get(entity).add(person);
  }
  const cap = bundle.inspector_cap;
  const assignedCount = new Map(bundle.inspectors.map((person) => [person, 0]));
  const assignments = new Map();
  for (const [, entity] of selected) {
    const conflicts = avoid.get(entity) || new Set();
    const inspectorRank = await ranked(key, `inspector\n${entity}\n`, bundle.inspectors, null);
    const inspectors = [];
    for (const person of inspectorRank) {
      if (inspectors.length === bundle.inspectors_per_entity) break;
      if (conflicts.has(person) || (cap !== null && assignedCount.get(person) >= cap)) continue;
      inspectors.push(person);
    }
    if (inspectors.length < bundle.inspectors_per_entity) {
      throw new Mismatch(`${entity} 可选执法人员不足，不应产生抽取结果 / too few inspectors for ${entity}`);
    }
    for (const person of inspectors) assignedCount.set(person, assignedCount.get(person) + 1);
    let experts = [];
    if (bundle.experts_per_entity) {
      const expertRank = await ranked(key, `expert\n${entity}\n`, bundle.experts, null);
      experts = expertRank.filter((person) => !conflicts.has(person)).slice(0, bundle.experts_per_entity);
    }
    if (experts.length < bundle.experts_per_entity) {
      throw new Mismatch(`${entity} 可选专家不足，不应产生抽取结果 / too few experts for ${entity}`);
    }
    assignments.set(entity, { inspectors, experts });
  }
  const published = bundle.assignments;
  for (const [entity, people] of assignments) {
    const theirs = Object.hasOwn(published, entity) ? published[entity] : null;
    if (!sameAssignment(people, theirs)) {
      throw new Mismatch(
        `${entity} 的人员分派不符 / assignment differs: recomputed ${repr(people)}, bundle ${repr(theirs)}`,
      );
    }
  }
  const unexpected = Object.keys(published).filter((e) => !assignments.has(e)).sort(compareCodePoints);
  if (unexpected.length) {
    throw new Mismatch(`分派了未抽中的对象 / assignment for an entity not selected: ${unexpected[0]}`);
  }
  report.push(`人员分派 / assignments: ${assignments.size} 个对象相符 / match`);
  return report;
}

// Python's dict equality: the same keys and equal values, in any order.
function sameAssignment(mine, theirs) {
  if (theirs === null || typeof theirs !== "object" || Array.isArray(theirs)) return false;
  const keys = Object.keys(theirs);
  if (keys.length !== 2 || !keys.includes("inspectors") || !keys.includes("experts")) return false;
  return repr(mine.inspectors) === repr(theirs.inspectors) && repr(mine.experts) === repr(theirs.experts);
}
