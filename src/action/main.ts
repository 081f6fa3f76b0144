// Entry point the Action's bundle runs: the review, then the exit code the workflow step reports.
import { runAction } from './run.js';

process.exitCode = await runAction();
