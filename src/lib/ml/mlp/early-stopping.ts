// scikit-learn's MLP stopping rule (_update_no_improvement_count): an epoch whose watched loss is not below
// best − tolerance counts as stale, an improving one resets the count, and training stops once more than
// `patience` consecutive epochs are stale. The best epoch is the lowest loss seen, improved by any amount.

export class EarlyStopping {
  /** Lowest watched loss so far; Infinity before the first epoch. */
  bestLoss = Infinity;
  /** 0-based epoch of bestLoss; -1 before the first epoch. */
  bestEpoch = -1;
  private stale = 0;

  constructor(private readonly patience: number, private readonly tolerance: number) {}

  /** Records epoch `epoch`'s watched loss; returns true when it is the new best (snapshot the weights). */
  update(epoch: number, loss: number): boolean {
    if (loss < this.bestLoss - this.tolerance) this.stale = 0;
    else this.stale++;
    if (!(loss < this.bestLoss)) return false;
    this.bestLoss = loss;
    this.bestEpoch = epoch;
    return true;
  }

  /** Whether more than `patience` consecutive epochs failed to improve by the tolerance. */
  get done(): boolean {
    return this.stale > this.patience;
  }
}
