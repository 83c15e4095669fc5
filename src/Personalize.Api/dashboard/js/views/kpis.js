// KPI tiles: the period's figure, with the same figure month by month as a line.
import { run } from '../graphql.js';
import { fmt } from '../format.js';
import { chart, empty, note } from '../charts.js';

function sparkline(parent, points, format) {
  if (!points.some(p => p.value != null)) {
    const none = document.createElement('div');
    none.className = 'sub';
    none.textContent = 'no monthly values in this period';
    parent.append(none);
    return;
  }
  chart(parent, {
    grid: { left: 2, right: 2, top: 6, bottom: 2 },
    tooltip: { trigger: 'axis', formatter: p => `${fmt.month(points[p[0].dataIndex].start)}: ${format(p[0].value)}`, confine: true },
    xAxis: { type: 'category', show: false, data: points.map(p => p.start) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [{ type: 'line', data: points.map(p => p.value), symbol: 'none', connectNulls: false, lineStyle: { width: 2 }, areaStyle: { opacity: 0.08 } }],
  }, 'spark');
}

export async function render({ from, to, segmentId }) {
  const data = await run('kpis', { from, to, segmentId });
  return body => {
    const k = data.kpis;
    if (k.customers === 0) {
      empty(body, segmentId ? 'This segment has no members.' : 'No customers yet.',
        segmentId ? ' Choose another segment or widen its rule.' : ' Import customers and orders (`import customers`, `import orders`: docs/csv-formats.md), or record them with upsertCustomer and recordOrder.');
      return 'empty';
    }
    const total = data.acquisition.total;
    const churn = data.retention.map(p => ({ ...p, value: p.value == null ? null : 1 - p.value }));
    const tiles = [
      ['Retention rate', fmt.percent(k.retentionRate), `of ${fmt.count(k.previousPeriodBuyers)} previous-period buyers`, data.retention, fmt.percent],
      ['Churn rate', fmt.percent(k.churnRate), 'previous-period buyers who did not return', churn, fmt.percent],
      ['Repeat-purchase rate', fmt.percent(k.repeatPurchaseRate), `of ${fmt.count(k.activeCustomers)} buyers`, data.repeatPurchase, fmt.percent],
      ['NPS', fmt.score(k.nps?.score), `${fmt.count(k.nps?.responses ?? 0)} answers`, data.nps, fmt.score],
      ['CSAT', k.csat ? `${fmt.score(k.csat.score)} %` : '—', `${fmt.count(k.csat?.responses ?? 0)} answers`, data.csat, v => `${fmt.score(v)} %`],
      ['Average CLV', fmt.money(k.averagePredictedClv), `${fmt.count(k.scoredCustomers)} scored customers · line: new customers`, data.newCustomerClv, fmt.money],
      ['Total CLV', fmt.money(k.totalPredictedClv), 'predicted, next 12 months · line: new customers', data.newCustomerTotalClv, fmt.money],
      ['Offer redemption rate', fmt.percent(k.offerRedemptionRate), `of ${fmt.count(k.offersAssigned ?? 0)} codes given`, data.redemption, fmt.percent],
      ['Reward cost', fmt.money(k.rewardCost), 'redemptions in the period', data.rewardCost, fmt.money],
      ['CAC', fmt.money(total.cac), `${fmt.count(total.acquiredCustomers)} customers acquired · every channel`, data.cac, fmt.money],
      ['CLV:CAC', fmt.ratio(total.clvToCac), `payback ${fmt.months(total.paybackMonths)}`, data.clvToCac, fmt.ratio],
    ];
    const grid = document.createElement('div');
    grid.className = 'tiles';
    body.append(grid);
    for (const [label, value, sub, points, format] of tiles) {
      const tile = document.createElement('div');
      tile.className = 'tile';
      tile.dataset.kpi = label;
      tile.innerHTML = '<div class="label"></div><div class="value"></div><div class="sub"></div>';
      tile.querySelector('.label').textContent = label;
      tile.querySelector('.value').textContent = value;
      tile.querySelector('.sub').textContent = sub;
      grid.append(tile);
      sparkline(tile, points, format);
    }
    if (segmentId) note(body, 'CAC and CLV:CAC cover every customer: spend is recorded per channel, not per segment.');
    return 'ready';
  };
}
