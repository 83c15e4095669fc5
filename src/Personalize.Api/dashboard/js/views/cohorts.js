// Monthly acquisition cohorts: a heat map of the share of each cohort ordering in each month after its first.
import { run } from '../graphql.js';
import { fmt } from '../format.js';
import { chart, empty } from '../charts.js';

export async function render({ from, to, segmentId }) {
  const data = await run('cohorts', { from, to, segmentId });
  return body => {
    const cohorts = data.cohortRetention;
    if (cohorts.length === 0) {
      empty(body, 'No first orders in this period.', ' Cohorts group customers by the month of their first order: widen the date range or record orders.');
      return 'empty';
    }
    const months = Math.max(...cohorts.map(c => c.months.length));
    const cells = cohorts.flatMap((c, y) => c.months.filter(m => m.monthsAfter > 0).map(m => ({ value: [m.monthsAfter - 1, y, Math.round(m.retention * 1000) / 10], complete: m.complete, active: m.activeCustomers })));
    const top = Math.max(1, ...cells.map(c => c.value[2]));
    chart(body, {
      grid: { left: 150, right: 30, top: 10, bottom: 70 },
      tooltip: { formatter: p => { const c = cells[p.dataIndex]; return `${fmt.month(cohorts[c.value[1]].month)} cohort, month ${c.value[0] + 1}: ${c.value[2]} % (${c.active} customers)${c.complete ? '' : ' — month still running'}`; } },
      xAxis: { type: 'category', name: 'months after the first order', nameLocation: 'middle', nameGap: 28, data: Array.from({ length: Math.max(0, months - 1) }, (_, i) => `${i + 1}`) },
      yAxis: { type: 'category', inverse: true, data: cohorts.map(c => `${fmt.month(c.month)} (${fmt.count(c.customers)})`) },
      visualMap: { min: 0, max: top, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 120, text: [`${top} %`, '0 %'], inRange: { color: ['#f3f7fb', '#2f6f9f'] } },
      series: [{
        type: 'heatmap', data: cells.map(c => c.value),
        label: { show: true, fontSize: 10, formatter: p => `${p.value[2]}${cells[p.dataIndex].complete ? '' : '*'}` },
      }],
    }, 'tall');
    return 'ready';
  };
}
