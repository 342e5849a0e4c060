import 'reflect-metadata';
import { bootstrapJudge } from './judge.bootstrap';

bootstrapJudge().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
