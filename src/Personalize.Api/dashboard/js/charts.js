// Small helpers every view uses: an ECharts chart in an element, an empty state, an error box.

const palette = ['#2f6f9f', '#e08a2c', '#4e9a6b', '#b3412f', '#7b5ea7', '#8a8f96', '#c9a227', '#3aa0a6'];
export const stageColors = { PROSPECT: '#8a8f96', NEW: '#3aa0a6', ACTIVE: '#4e9a6b', AT_RISK: '#e08a2c', LAPSED: '#b3412f', LOYAL: '#2f6f9f' };

const charts = new Set();
window.addEventListener('resize', () => charts.forEach(c => c.resize()));

/** Draws the option into a new element appended to parent and returns the element. */
export function chart(parent, option, size = '') {
  const element = document.createElement('div');
  element.className = `chart ${size}`.trim();
  parent.append(element);
  const instance = echarts.init(element, null, { renderer: 'canvas' });
  instance.setOption({ color: palette, animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
  charts.add(instance);
  return element;
}

/** Fits the charts inside an element to their final size, once every sibling is in place. */
export function fit(element) {
  element.querySelectorAll('.chart').forEach(el => echarts.getInstanceByDom(el)?.resize());
}

/** Disposes the charts inside an element before it is redrawn. */
export function clear(element) {
  element.querySelectorAll('.chart').forEach(el => {
    const instance = echarts.getInstanceByDom(el);
    if (instance) { charts.delete(instance); instance.dispose(); }
  });
  element.replaceChildren();
}

export function empty(parent, title, hint) {
  const box = document.createElement('div');
  box.className = 'empty';
  const strong = document.createElement('strong');
  strong.textContent = title;
  box.append(strong, document.createTextNode(hint));
  parent.append(box);
  return box;
}

export function note(parent, text) {
  const p = document.createElement('p');
  p.className = 'note';
  p.textContent = text;
  parent.append(p);
}

/** A table from header labels and rows of cell texts. */
export function table(parent, headers, rows) {
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  headers.forEach(h => { const th = document.createElement('th'); th.textContent = h; head.append(th); });
  const body = t.createTBody();
  rows.forEach(cells => { const row = body.insertRow(); cells.forEach(c => { row.insertCell().textContent = c; }); });
  parent.append(t);
  return t;
}

/**
 * A forest plot: one row per estimate, its point and 95 % interval, a line at 0.
 * rows: [{ label, value, lower, upper }]; format: how the axis and tooltip print a value.
 */
export function forest(parent, title, rows, format) {
  return chart(parent, {
    title: { text: title, textStyle: { fontSize: 13, fontWeight: 500 } },
    grid: { left: 150, right: 30, top: 40, bottom: 30 },
    tooltip: { trigger: 'item', formatter: p => { const r = rows[p.dataIndex]; return `${r.label}<br>${format(r.value)} (${format(r.lower)} to ${format(r.upper)})`; } },
    xAxis: { type: 'value', axisLabel: { formatter: format }, splitLine: { lineStyle: { color: '#eef0f2' } } },
    yAxis: { type: 'category', data: rows.map(r => r.label), inverse: true },
    series: [
      {
        type: 'custom', name: '95 % interval',
        renderItem: (params, api) => {
          const [low, y] = api.coord([api.value(1), api.value(0)]);
          const [high] = api.coord([api.value(2), api.value(0)]);
          const cap = 6;
          const style = { stroke: api.visual('color'), lineWidth: 2 };
          return { type: 'group', children: [
            { type: 'line', shape: { x1: low, y1: y, x2: high, y2: y }, style },
            { type: 'line', shape: { x1: low, y1: y - cap, x2: low, y2: y + cap }, style },
            { type: 'line', shape: { x1: high, y1: y - cap, x2: high, y2: y + cap }, style },
          ] };
        },
        encode: { x: [1, 2], y: 0 },
        data: rows.map((r, i) => [i, r.lower, r.upper]),
      },
      {
        type: 'scatter', name: 'estimate', symbolSize: 9, data: rows.map((r, i) => [r.value, i]),
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#999', type: 'dashed' }, data: [{ xAxis: 0 }], label: { show: false } },
      },
    ],
  }, 'small');
}
