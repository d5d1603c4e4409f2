// Every subcommand, in the order `mlpad --help` lists them. A new command is a file in this folder plus
// one line here.
import type { CliCommand } from '../command.ts';
import { algorithmsCommand } from './algorithms.ts';
import { autopilotCommand } from './autopilot.ts';
import { clarifyCommand } from './clarify.ts';
import { experimentsCommand } from './experiments.ts';
import { exportCommand } from './export.ts';
import { monitorCommand } from './monitor.ts';
import { predictCommand } from './predict.ts';
import { profileCommand } from './profile.ts';
import { serveCommand } from './serve.ts';
import { transformCommand } from './transform.ts';
import { trainCommand } from './train.ts';
import { tuneCommand } from './tune.ts';

export const COMMANDS: readonly CliCommand[] = [profileCommand, trainCommand, tuneCommand, predictCommand, transformCommand, serveCommand, exportCommand, clarifyCommand, monitorCommand, autopilotCommand, experimentsCommand, algorithmsCommand];
