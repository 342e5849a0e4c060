export * from './verdict.enum';
export * from './language';
export * from './limits';
export * from './problem.dto';
export * from './submission.dto';
export * from './messages';
export * from './views.dto';
export * from './stats.dto';
