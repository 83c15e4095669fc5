// The CLV model's fit: the back-test's calibration vs holdout by frequency for each candidate model, and its totals.
import { run } from '../graphql.js';
import { fmt } from '../format.js';
import { chart, empty, table } from '../charts.js';

export async function render() {
  const data = await run('clv-fit');
  return body => {
    const model = data.clvModel;
    if (!model) {
      empty(body, 'No CLV model yet.', ' Run `scores recompute` (docs/clv-and-lifecycle.md): it back-tests every purchase model on a holdout period and keeps the best.');
      return 'empty';
    }
    const tested = model.candidates.filter(c => c.holdoutPredicted != null && c.holdoutActual != null);
    if (tested.length === 0) {
      empty(body, 'The last recompute has no back-test.', ` ${model.selectionReason}`);
      return 'empty';
    }
    // Calibration vs holdout by frequency: the customers grouped by their repeat purchases before the holdout, their
    // mean actual repeat purchases in it, and each candidate's prediction for the same group.
    const rows = tested.find(c => c.holdoutByFrequency.length)?.holdoutByFrequency ?? [];
    const inUse = model.purchaseModel.model;
    chart(body, {
      title: { text: `Calibration vs holdout by frequency, ${model.holdoutDays} days before ${fmt.month(model.asOf)} (${inUse} in use)`, textStyle: { fontSize: 13, fontWeight: 500 } },
      legend: { top: 24 },
      grid: { left: 70, right: 20, top: 60, bottom: 45 },
      tooltip: { trigger: 'axis', valueFormatter: v => v?.toFixed(2) },
      xAxis: { type: 'category', name: 'repeat purchases before the holdout', nameLocation: 'middle', nameGap: 28,
        data: rows.map(r => `${r.frequency}${r.andAbove ? '+' : ''} (${fmt.count(r.customers)})`) },
      yAxis: { type: 'value', name: 'mean in holdout' },
      series: [
        { type: 'bar', name: 'Actual', data: rows.map(r => r.meanActual), color: '#8a8f96' },
        ...tested.map(c => ({ type: 'line', name: c.model + (c.model === inUse ? ' (in use)' : ''), data: c.holdoutByFrequency.map(r => r.meanPredicted),
          lineStyle: { width: c.model === inUse ? 3 : 1.5 } })),
      ],
    });
    table(body, ['Model', 'Predicted', 'Actual', 'MAE per customer', 'RMSE per customer'],
      model.candidates.map(c => [c.model + (c.model === model.purchaseModel.model ? ' (in use)' : ''), fmt.count(c.holdoutPredicted), fmt.count(c.holdoutActual),
        c.holdoutMae?.toFixed(3) ?? (c.failure ?? c.holdoutFailure ?? '—'), c.holdoutRmse?.toFixed(3) ?? '—']));
    return 'ready';
  };
}
