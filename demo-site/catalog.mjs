// The demo store's products. Prices in EUR.
export const categories = [
  { slug: 'running', name: 'Running', blurb: 'Road shoes for every distance, from the first 5 km to the marathon.' },
  { slug: 'trail', name: 'Trail', blurb: 'Grip and protection for mud, rock and mountain paths.' },
  { slug: 'gym', name: 'Gym', blurb: 'Stable, flat shoes for lifting, classes and the treadmill.' },
];

export const products = [
  { sku: 'RUN-001', slug: 'swift-road', name: 'Swift Road', category: 'running', price: 129, color: '#e4572e', description: 'A light, responsive daily trainer for tempo runs and 10 km races.' },
  { sku: 'RUN-002', slug: 'long-haul', name: 'Long Haul', category: 'running', price: 159, color: '#29335c', description: 'Max cushioning for long runs and the marathon.' },
  { sku: 'RUN-003', slug: 'first-mile', name: 'First Mile', category: 'running', price: 89, color: '#f3a712', description: 'A forgiving, stable shoe for new runners.' },
  { sku: 'TRL-001', slug: 'ridge-runner', name: 'Ridge Runner', category: 'trail', price: 149, color: '#669bbc', description: 'Deep lugs and a rock plate for technical trails.' },
  { sku: 'TRL-002', slug: 'mud-hound', name: 'Mud Hound', category: 'trail', price: 139, color: '#4f772d', description: 'Sheds mud and drains fast on wet routes.' },
  { sku: 'GYM-001', slug: 'iron-flat', name: 'Iron Flat', category: 'gym', price: 99, color: '#6c757d', description: 'A flat, firm sole for squats and deadlifts.' },
  { sku: 'GYM-002', slug: 'studio-flex', name: 'Studio Flex', category: 'gym', price: 79, color: '#b5179e', description: 'Flexible and light for classes and HIIT.' },
  { sku: 'GYM-003', slug: 'cross-court', name: 'Cross Court', category: 'gym', price: 109, color: '#3a86ff', description: 'Lateral support for cross-training.' },
];

export const currency = 'EUR';

export const categoryName = (slug) => categories.find((c) => c.slug === slug)?.name ?? slug;
