import { synthAll } from './app';

// Writes dist/<environment>/<chart>.k8s.yaml for every environment.
synthAll('dist');
