import { configure } from '@testing-library/react';
import '@testing-library/jest-dom';

// findBy*/waitFor wait up to 10 s (not the default 1 s): on a loaded 2-core CI machine a card's
// first render after its request answers can take longer than a second.
configure({ asyncUtilTimeout: 10_000 });
