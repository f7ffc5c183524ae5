"""Plan views by concern: ``plans`` (the plan itself and its pages),
``milestones`` (a milestone's changes and editors), ``reviews``; ``page`` holds
what they share: the plan page's context, its changed rows, and refusals."""
