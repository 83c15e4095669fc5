// The CLV model's fit: each candidate model's repeat purchases predicted for the back-test's holdout against the actual.
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
    chart(body, {
      title: { text: `Holdout repeat purchases, ${model.holdoutDays} days before ${fmt.month(model.asOf)} (${model.purchaseModel.model} in use)`, textStyle: { fontSize: 13, fontWeight: 500 } },
      legend: { top: 24 },
      grid: { left: 70, right: 20, top: 60, bottom: 30 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: tested.map(c => c.model) },
      yAxis: { type: 'value', name: 'repeat purchases' },
      series: [
        { type: 'bar', name: 'Actual', data: tested.map(c => c.holdoutActual), color: '#8a8f96' },
        { type: 'bar', name: 'Predicted', data: tested.map(c => c.holdoutPredicted) },
      ],
    });
    table(body, ['Model', 'Predicted', 'Actual', 'MAE per customer', 'RMSE per customer'],
      model.candidates.map(c => [c.model + (c.model === model.purchaseModel.model ? ' (in use)' : ''), fmt.count(c.holdoutPredicted), fmt.count(c.holdoutActual),
        c.holdoutMae?.toFixed(3) ?? (c.failure ?? c.holdoutFailure ?? '—'), c.holdoutRmse?.toFixed(3) ?? '—']));
    return 'ready';
  };
}
