import { Anchor, Container, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

import { paths } from '@/config/paths';

export default function NotFoundRoute() {
  return (
    <Container component="main" size="sm" py="xl">
      <Stack>
        <Title order={1}>Page not found</Title>
        <Text>There is nothing at this address.</Text>
        <Anchor component={Link} to={paths.overview.getHref()}>
          Go to the overview
        </Anchor>
      </Stack>
    </Container>
  );
}
