import { Alert, Anchor, Container, Stack } from '@mantine/core';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

/** Shown when a view could not be loaded or broke while rendering (e.g. after a new release). */
export function RouteError() {
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Alert color="red" title="This page could not be shown" role="alert">
          Something went wrong while loading this page. Reload the page to try again.
        </Alert>
        <Anchor component={Link} to={paths.overview.getHref()}>
          Go to the overview
        </Anchor>
      </Stack>
    </Container>
  );
}
