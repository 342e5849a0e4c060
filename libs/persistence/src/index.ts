export * from './entities/problem.entity';
export * from './entities/test-case.entity';
export * from './entities/submission.entity';
export * from './repositories/problems.repository';
export * from './repositories/submissions.repository';
export * from './views';
export * from './data-source';
export * from './persistence.module';
