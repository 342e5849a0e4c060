import { teardown } from './e2e-global';

export default teardown;
