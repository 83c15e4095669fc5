// Acquisition by channel: CAC and CLV:CAC per channel, monthly spend and CAC, and the table behind them.
import { run } from '../graphql.js';
import { fmt } from '../format.js';
import { chart, empty, note, table } from '../charts.js';

const name = c => c.channel ?? 'no channel recorded';

export async function render({ from, to, segmentId }) {
  const data = await run('acquisition', { from, to });
  return body => {
    const { channels, total } = data.acquisition;
    if (channels.length === 0) {
      empty(body, 'No acquisition data in this period.',
        ' Record monthly spend per channel (recordMarketingSpend, or `import spend`) and each customer\'s channel (setCustomerAcquisition, or the acquisition_channel column of `import customers`).');
      return 'empty';
    }
    if (segmentId) note(body, 'This view covers every customer: spend is recorded per channel, not per segment.');
    const row = document.createElement('div');
    row.className = 'row';
    body.append(row);
    chart(row, {
      title: { text: 'CAC and CLV:CAC per channel', textStyle: { fontSize: 13, fontWeight: 500 } },
      legend: { top: 24 },
      grid: { left: 60, right: 50, top: 60, bottom: 70 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: channels.map(name), axisLabel: { rotate: 30 } },
      yAxis: [{ type: 'value', name: 'CAC' }, { type: 'value', name: 'CLV:CAC' }],
      series: [
        { type: 'bar', name: 'CAC', data: channels.map(c => c.cac) },
        { type: 'line', name: 'CLV:CAC', yAxisIndex: 1, data: channels.map(c => c.clvToCac) },
      ],
    });
    chart(row, {
      title: { text: 'Spend and blended CAC by month', textStyle: { fontSize: 13, fontWeight: 500 } },
      legend: { top: 24 },
      grid: { left: 70, right: 50, top: 60, bottom: 40 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: data.spend.map(p => fmt.month(p.start)) },
      yAxis: [{ type: 'value', name: 'spend' }, { type: 'value', name: 'CAC' }],
      series: [
        { type: 'bar', name: 'Spend', data: data.spend.map(p => p.value) },
        { type: 'line', name: 'CAC', yAxisIndex: 1, data: data.cac.map(p => p.value) },
      ],
    });
    table(body, ['Channel', 'Spend', 'Customers acquired', 'CAC', 'Average CLV', 'CLV:CAC', 'Payback'],
      [...channels, { ...total, channel: 'All channels' }].map(c => [name(c), fmt.money(c.spend), fmt.count(c.acquiredCustomers),
        fmt.money(c.cac), fmt.money(c.averageClv), fmt.ratio(c.clvToCac), c.paybackMonths == null && c.cac != null ? 'not yet' : fmt.months(c.paybackMonths)]));
    return 'ready';
  };
}
