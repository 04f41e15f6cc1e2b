import { App } from 'cdk8s';
import { synthesize } from '../lib';
import { defineEstate } from './estate';

// synthesize() prints what the app is refused for once, without a stack trace, and fails the run.
synthesize(() => {
  const app = new App();
  defineEstate(app);
  return app;
});
