"""Ticket sales: shows, performances, ticket types and quotas, seats, scanning at the door."""
