import { EventEmitter } from 'node:events';
import { boundShutdown } from './shutdown-deadline';

describe(boundShutdown.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('exits with 1 and says why when the shutdown outlasts its bound', () => {
    const signals = new EventEmitter();
    const log = jest.fn();
    const exit = jest.fn();
    boundShutdown(5000, log, signals, exit);

    signals.emit('SIGTERM');
    jest.advanceTimersByTime(4999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(log).toHaveBeenCalledWith('shutdown after SIGTERM did not finish within 5000 ms: exiting now');
  });

  it('does nothing without a signal, and counts from the first of several', () => {
    const signals = new EventEmitter();
    const exit = jest.fn();
    boundShutdown(1000, () => undefined, signals, exit);
    jest.advanceTimersByTime(10_000);
    expect(exit).not.toHaveBeenCalled();

    signals.emit('SIGINT');
    jest.advanceTimersByTime(600);
    signals.emit('SIGTERM');
    jest.advanceTimersByTime(400);
    expect(exit).toHaveBeenCalledTimes(1);
  });
});
