// CLV by segment: each active segment's average predicted CLV, everyone first.
import { run } from '../graphql.js';
import { fmt } from '../format.js';
import { chart, empty, table } from '../charts.js';

export async function render({ segmentId }) {
  const data = await run('clv-segments');
  return body => {
    const rows = data.clvBySegment;
    if (!rows.some(r => r.scoredCustomers > 0)) {
      empty(body, 'No CLV scores yet.', ' Run `scores recompute` (docs/clv-and-lifecycle.md): it fits the purchase models and scores every customer.');
      return 'empty';
    }
    const label = r => r.segment?.name ?? 'Every customer';
    const shown = rows.filter(r => r.scoredCustomers > 0);
    chart(body, {
      grid: { left: 230, right: 60, top: 10, bottom: 30 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', name: 'average predicted CLV' },
      yAxis: { type: 'category', inverse: true, data: shown.map(label) },
      series: [{
        type: 'bar', name: 'Average predicted CLV', label: { show: true, position: 'right', formatter: p => fmt.money(p.value) },
        data: shown.map(r => ({ value: r.averagePredictedClv, itemStyle: r.segment?.id === segmentId && segmentId ? { color: '#e08a2c' } : r.segment ? {} : { color: '#8a8f96' } })),
      }],
    }, 'tall');
    table(body, ['Segment', 'Customers', 'Scored', 'Average predicted CLV', 'Total predicted CLV', 'Average historical CLV'],
      rows.map(r => [label(r), fmt.count(r.customers), fmt.count(r.scoredCustomers), fmt.money(r.averagePredictedClv), fmt.money(r.totalPredictedClv), fmt.money(r.averageHistoricalClv)]));
    return 'ready';
  };
}
