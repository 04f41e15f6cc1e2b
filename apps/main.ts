import { App } from 'cdk8s';
import { defineEstate } from './estate';

const app = new App();
defineEstate(app);
app.synth();
