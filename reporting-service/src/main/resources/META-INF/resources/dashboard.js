// The officials' dashboard (index.html): figures, charts and the area table of reporting-service's reports.
const I18N = {
  zh: { title: '零就业家庭就业援助统计', load: '查询', period: '统计期', csv: '导出 CSV', xlsx: '导出 Excel', switchTo: 'English',
        open: '在办案例（按已过天数）', trend: '新发现、新认定与消除', week: '（按周）', month: '（按月）', kinds: '安置去向',
        cohorts: '当前零就业家庭（按人群）', targets: '就业目标：在办、按期实现与超期实现', channels: '安置天数中位数（按去向）',
        detected: '新发现', identified: '新认定', eliminated: '消除', days: '天', noData: '暂无数据',
        area: '地区', code: '区划代码', loaded: '已更新',
        figures: { zeroEmploymentNow: '当前零就业家庭', newlyDetected: '新发现户数', newlyIdentified: '新认定户数', eliminated: '消除户数', shareWithinDeadline: '按期安置率',
          medianDaysToPlacement: '安置天数中位数', membersPlaced: '安置人数', openOverdue: '超期在办', doubleEmploymentHouseholds: '双就业家庭',
          publicWelfarePostsHeld: '公益性岗位在岗人数', publicWelfareMonthlyCost: '公益性岗位月补贴', closedMet: '按期结案', closedMetLate: '超期结案' },
        buckets: ['待认定', '0–10天', '11–15天', '16–18天', '19–20天', '超期'], kindNames: ['公益性岗位', '企业', '自主创业', '灵活就业'],
        cohortNames: ['普通', '棚改回迁', '大中专毕业生家庭'], targetNames: ['大中专毕业生', '双就业', '不稳定转稳定'],
        targetStates: ['在办', '按期实现', '超期实现'] },
  en: { title: 'Zero-employment household assistance', load: 'Load', period: 'Period', csv: 'Export CSV', xlsx: 'Export Excel', switchTo: '中文',
        open: 'Open cases by days elapsed', trend: 'Found, identified and eliminated', week: ' (weekly)', month: ' (monthly)', kinds: 'Placements by kind',
        cohorts: 'Zero-employment households now by cohort', targets: 'Targets: open, met in time and met late', channels: 'Median days to placement by kind',
        detected: 'Found', identified: 'Identified', eliminated: 'Eliminated', days: 'days', noData: 'No data',
        area: 'Area', code: 'Code', loaded: 'updated',
        figures: { zeroEmploymentNow: 'Zero-employment now', newlyDetected: 'Newly found', newlyIdentified: 'Newly identified', eliminated: 'Eliminated', shareWithinDeadline: 'Placed within deadline',
          medianDaysToPlacement: 'Median days to placement', membersPlaced: 'Members placed', openOverdue: 'Open past deadline', doubleEmploymentHouseholds: 'Two members in work',
          publicWelfarePostsHeld: 'Public-welfare posts held', publicWelfareMonthlyCost: 'Public-welfare posts, monthly subsidies', closedMet: 'Closed in time', closedMetLate: 'Closed late' },
        buckets: ['awaiting identification', 'day 0–10', 'day 11–15', 'day 16–18', 'day 19–20', 'overdue'], kindNames: ['Public welfare', 'Enterprise', 'Self-employed', 'Flexible'],
        cohortNames: ['Standard', 'Relocated shantytown residents', 'Graduates\u2019 families'], targetNames: ['Graduates', 'Double employment', 'Unstable to stable'],
        targetStates: ['Open', 'Met in time', 'Met late'] }
};
const HEADLINE = ['zeroEmploymentNow', 'newlyDetected', 'newlyIdentified', 'eliminated', 'shareWithinDeadline', 'medianDaysToPlacement', 'membersPlaced', 'openOverdue',
                  'doubleEmploymentHouseholds', 'publicWelfarePostsHeld', 'publicWelfareMonthlyCost'];
const TABLE = ['zeroEmploymentNow', 'newlyDetected', 'newlyIdentified', 'eliminated', 'closedMet', 'closedMetLate', 'membersPlaced', 'openOverdue'];
const OPEN = ['openAwaitingConfirmation', 'openDays0to10', 'openDays11to15', 'openDays16to18', 'openDays19to20', 'openOverdue'];
const KINDS = ['placementsPublicWelfare', 'placementsEnterprise', 'placementsSelfEmployment', 'placementsFlexible'];
const CHANNELS = ['medianDaysPublicWelfare', 'medianDaysEnterprise', 'medianDaysSelfEmployment', 'medianDaysFlexible'];
// Per target (graduates, 双就业, unstable → stable): open now, met in time and met late in the period.
const TARGETS = ['graduateTargets', 'doubleEmploymentTargets', 'unstableToStableTargets'].map(p => [p + 'Open', p + 'Met', p + 'MetLate']);
const params = new URLSearchParams(location.hash.slice(1));
const token = document.getElementById('token'), area = document.getElementById('area');
// A token is a key to the figures: it lives in this page's memory only. One in the address (a link someone sent, or an
// older version's bookmark) is dropped from it unread, and whatever an older version stored is forgotten.
if (params.has('token')) { params.delete('token'); history.replaceState(null, '', location.pathname + (params.toString() ? '#' + params : '')); }
localStorage.removeItem('wanjia.report.token');
area.value = params.get('area') || localStorage.getItem('wanjia.report.area') || '';
let lang = params.get('lang') || localStorage.getItem('wanjia.report.lang') || 'zh';
let summary = null, series = null, granularity = 'week', loadedAt = null;
const charts = Object.fromEntries(['open', 'trend', 'kind', 'cohort', 'target', 'channel']
  .map(name => [name, echarts.init(document.getElementById(name + 'Chart'))]));
// Canvas text does not inherit CSS: give the charts the page's fonts, so Chinese labels render.
const FONT_FAMILY = getComputedStyle(document.body).fontFamily;
const FONT = { textStyle: { fontFamily: FONT_FAMILY } };
addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));

// The period is the 180 days to today unless the address says otherwise (#from=YYYY-MM-DD&to=YYYY-MM-DD).
function query() {
  const to = params.get('to') || new Date().toISOString().slice(0, 10);
  const from = params.get('from') || new Date(Date.parse(to) - 180 * 86400000).toISOString().slice(0, 10);
  const q = new URLSearchParams({ from, to });
  if (area.value.trim()) q.set('area', area.value.trim());
  return q;
}

// Opened through the staff console (its /reporting/ pages), the console signs the calls with the official's own session:
// no token here at all. Opened from reporting-service itself, a pasted token does.
const IN_CONSOLE = location.pathname.startsWith('/reporting/');
const BASE = IN_CONSOLE ? '/api/reporting/v1' : '/api/v1';
if (IN_CONSOLE) {
  token.hidden = true;
  const back = document.createElement('a');
  back.href = '/#/reports';
  back.textContent = '← 万家工作台';
  document.querySelector('header').prepend(back);
}

async function api(path) {
  const headers = IN_CONSOLE ? { 'X-Requested-With': 'JavaScript' } : { Authorization: 'Bearer ' + token.value.trim() };
  const r = await fetch(BASE + path, { headers });
  // The console's session ended: a reload goes through its login.
  if (IN_CONSOLE && r.status === 499) { location.reload(); throw new Error(r.statusText); }
  if (!r.ok) { const p = await r.json().catch(() => ({})); throw new Error(p.detail || r.statusText); }
  return r;
}

function format(key, value) {
  if (value === null || value === undefined) return '–';
  if (key === 'shareWithinDeadline') return (value * 100).toFixed(1) + '%';
  if (key === 'publicWelfareMonthlyCost') return '¥' + Number(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return String(value);
}

// "name value, name value", what a chart shows, for a screen reader (a canvas says nothing).
function describe(names, values) {
  return names.map((name, i) => name + ' ' + (values[i] ?? '–')).join(', ');
}

// A chart without figures says so in the page's language: ECharts would draw an empty axis, or a pie of equal slices
// (it shares a zero sum out evenly), and either reads as data. The heading above it is the page's, an <h2>.
function draw(chart, empty, option, description) {
  const t = I18N[lang], dom = chart.getDom();
  dom.dataset.empty = String(empty);
  dom.setAttribute('aria-label', empty ? t.noData : description);
  chart.setOption(empty
    ? { ...FONT, title: { text: t.noData, left: 'center', top: 'middle', textStyle: { fontFamily: FONT_FAMILY, fontSize: 16, fontWeight: 'normal', color: '#9ca3af' } } }
    : { ...FONT, ...option }, true);
}

// A slice of zero is kept in the data (it is a figure) but gets no label, so labels of empty slices do not pile up.
function slices(names, values) {
  return names.map((name, i) => ({ name, value: values[i], label: { show: values[i] > 0 }, labelLine: { show: values[i] > 0 } }));
}

function render() {
  const t = I18N[lang];
  document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
  document.querySelectorAll('[data-i18n]').forEach(e => e.textContent = t[e.dataset.i18n]);
  document.getElementById('trendTitle').textContent = t.trend + t[granularity];
  document.getElementById('lang').textContent = t.switchTo;
  if (loadedAt) document.getElementById('status').textContent = t.loaded + ' ' + loadedAt.toLocaleTimeString(document.documentElement.lang);
  if (!summary) return;
  const f = summary.total.figures;
  // A figure this server does not give yet (an older version) counts as none: 0, or null for a median.
  const count = key => f[key] ?? 0, median = key => f[key] ?? null;
  const none = values => values.every(v => !v);
  document.getElementById('period').textContent = summary.from + ' – ' + summary.to + ' · ' + summary.name;
  document.getElementById('cards').replaceChildren(...HEADLINE.map(key => {
    const card = document.createElement('div'); card.className = 'card';
    card.innerHTML = '<div class="value" data-figure="' + key + '"></div><div class="label"></div>';
    card.querySelector('.value').textContent = format(key, f[key]);
    card.querySelector('.label').textContent = t.figures[key];
    return card;
  }));

  const open = OPEN.map(count);
  draw(charts.open, none(open), { tooltip: {}, grid: { top: 20, bottom: 30 }, xAxis: { data: t.buckets }, yAxis: { minInterval: 1 },
    series: [{ type: 'bar', data: open, itemStyle: { color: '#dc2626' } }] }, describe(t.buckets, open));

  const trend = [t.detected, t.identified, t.eliminated].map((name, i) =>
    ({ name, values: series.map(p => p.figures[['newlyDetected', 'newlyIdentified', 'eliminated'][i]] ?? 0) }));
  draw(charts.trend, none(trend.flatMap(s => s.values)), { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { top: 30, bottom: 30 },
    xAxis: { type: 'category', data: series.map(p => p.period) }, yAxis: { minInterval: 1 },
    series: trend.map(s => ({ name: s.name, type: 'line', data: s.values })) },
    describe(trend.map(s => s.name), trend.map(s => s.values.reduce((a, b) => a + b, 0))));

  const kinds = KINDS.map(count);
  draw(charts.kind, none(kinds), { tooltip: {}, series: [{ type: 'pie', radius: '60%', data: slices(t.kindNames, kinds) }] },
    describe(t.kindNames, kinds));

  // 普通 is what the two cohorts leave of the households zero-employment now.
  const [shantytown, graduates] = [count('zeroEmploymentNowShantytown'), count('zeroEmploymentNowGraduateFamily')];
  const cohorts = [Math.max(0, count('zeroEmploymentNow') - shantytown - graduates), shantytown, graduates];
  draw(charts.cohort, none(cohorts), { tooltip: {}, series: [{ type: 'pie', radius: '60%', data: slices(t.cohortNames, cohorts) }] },
    describe(t.cohortNames, cohorts));

  const targets = TARGETS.map(keys => keys.map(count));
  draw(charts.target, none(targets.flat()), { tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { top: 30, bottom: 30 },
    xAxis: { type: 'category', data: t.targetNames }, yAxis: { minInterval: 1 },
    series: t.targetStates.map((name, s) => ({ name, type: 'bar', data: targets.map(target => target[s]),
      itemStyle: { color: ['#2563eb', '#16a34a', '#f59e0b'][s] } })) },
    t.targetNames.map((name, i) => name + ': ' + describe(t.targetStates, targets[i])).join('; '));

  // A median of 0 days is a figure (a member placed before the clock started): only null means none.
  const channels = CHANNELS.map(median);
  draw(charts.channel, channels.every(v => v === null), { tooltip: {}, grid: { top: 30, bottom: 30 }, xAxis: { data: t.kindNames },
    yAxis: { name: t.days }, series: [{ type: 'bar', data: channels.map(v => v ?? '-'), itemStyle: { color: '#7c3aed' } }] },
    describe(t.kindNames, channels));

  const head = document.createElement('tr');
  [t.code, t.area, ...TABLE.map(k => t.figures[k] || k)].forEach(h => { const th = document.createElement('th'); th.textContent = h; head.append(th); });
  document.getElementById('tableHead').replaceChildren(head);
  document.getElementById('tableBody').replaceChildren(...[summary.total, ...summary.breakdown].map(row => {
    const tr = document.createElement('tr'); tr.dataset.area = row.area;
    [row.area, row.name, ...TABLE.map(k => format(k, row.figures[k]))].forEach((v, i) => {
      const td = document.createElement('td'); td.textContent = v; if (i >= 2) td.dataset.figure = TABLE[i - 2]; tr.append(td); });
    return tr;
  }));
}

async function download(kind) {
  const q = query(); q.set('lang', lang);
  const blob = await (await api('/reports/summary.' + kind + '?' + q)).blob();
  const a = document.createElement('a'); a.href = URL.createObjectURL(blob); a.download = 'wanjia-' + (summary ? summary.area : '') + '.' + kind; a.click();
}

async function load() {
  localStorage.setItem('wanjia.report.area', area.value.trim());
  const status = document.getElementById('status');
  try {
    const q = query();
    summary = await (await api('/reports/summary?' + q)).json();
    // A series answers at most 1000 points: a period longer than 1000 weeks is shown by month.
    granularity = (Date.parse(q.get('to')) - Date.parse(q.get('from'))) / 86400000 > 7 * 1000 ? 'month' : 'week';
    q.set('granularity', granularity);
    series = await (await api('/reports/series?' + q)).json();
    loadedAt = new Date();
    render();
    document.body.dataset.loaded = 'true';
  } catch (e) { loadedAt = null; status.textContent = e.message; document.body.dataset.loaded = 'error'; }
}

document.getElementById('load').onclick = load;
document.getElementById('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('wanjia.report.lang', lang); render(); };
document.getElementById('csv').onclick = () => download('csv');
document.getElementById('xlsx').onclick = () => download('xlsx');
render();
if (IN_CONSOLE) load();
