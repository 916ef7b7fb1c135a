// A small version of the demo data the Fauna v10 docs assume (the dashboard's "demo data"):
// Category, Product, Customer (each with a password credential) and Order, written as v10
// queries the playground's engine runs. Fixed ids, so lessons and links can name documents.
import type { SetupStep } from './seeds';

const exists = ['constraint_failure'];
const docExists = ['document_id_exists'];

const collection = (name: string): SetupStep => ({
  lang: 'fql10',
  source: `Collection.create({ name: "${name}" })`,
  alreadyDone: exists,
});

export const DEMO_PASSWORDS: Record<string, string> = {
  '111': 'alice-sekret',
  '222': 'bob-sekret',
  '333': 'carol-sekret',
};

export const DEMO_SETUP: SetupStep[] = [
  collection('Category'),
  collection('Product'),
  collection('Customer'),
  collection('Order'),
  {
    lang: 'fql10',
    source: `[
  Category.create({ id: "123", name: "party", description: "Party Supplies" }),
  Category.create({ id: "124", name: "produce", description: "Fresh Produce" }),
  Category.create({ id: "125", name: "frozen", description: "Frozen Foods" })
]`,
    alreadyDone: docExists,
  },
  {
    lang: 'fql10',
    source: `let party = Category.byId("123")
let produce = Category.byId("124")
let frozen = Category.byId("125")
[
  Product.create({ id: "111", name: "cups", description: "Translucent 9 Oz, 100 ct", price: 698, stock: 100, category: party }),
  Product.create({ id: "112", name: "donkey pinata", description: "Original Classic Donkey Pinata", price: 2499, stock: 50, category: party }),
  Product.create({ id: "113", name: "giant pinata", description: "Giant Taco Pinata", price: 2399, stock: 10, category: party }),
  Product.create({ id: "114", name: "avocados", description: "Conventional Hass, 4ct bag", price: 399, stock: 1000, category: produce }),
  Product.create({ id: "115", name: "limes", description: "Conventional, 16 oz bag", price: 299, stock: 30, category: produce }),
  Product.create({ id: "116", name: "organic limes", description: "Organic, 16 oz bag", price: 349, stock: 50, category: produce }),
  Product.create({ id: "117", name: "cilantro", description: "Organic, 1 bunch", price: 149, stock: 100, category: produce }),
  Product.create({ id: "118", name: "pizza", description: "Frozen Cheese", price: 499, stock: 100, category: frozen }),
  Product.create({ id: "119", name: "single lime", description: "Conventional, 1 ct", price: 35, stock: 1000, category: produce })
]`,
    alreadyDone: docExists,
  },
  {
    lang: 'fql10',
    source: `[
  Customer.create({
    id: "111",
    name: "Alice Appleseed",
    email: "alice.appleseed@example.com",
    address: { street: "87856 Mendota Court", city: "Washington", state: "DC", postalCode: "20220", country: "US" }
  }),
  Customer.create({
    id: "222",
    name: "Bob Brown",
    email: "bob.brown@example.com",
    address: { street: "72 Waxwing Terrace", city: "Washington", state: "DC", postalCode: "20002", country: "US" }
  }),
  Customer.create({
    id: "333",
    name: "Carol Clark",
    email: "carol.clark@example.com",
    address: { street: "5 Troy Trail", city: "Washington", state: "DC", postalCode: "20220", country: "US" }
  })
]`,
    alreadyDone: docExists,
  },
  ...Object.entries(DEMO_PASSWORDS).map(
    ([id, password]): SetupStep => ({
      lang: 'fql10',
      source: `Credential.create({ document: Customer.byId("${id}"), password: "${password}" })`,
      alreadyDone: exists,
    }),
  ),
  {
    lang: 'fql10',
    source: `[
  Order.create({
    id: "410",
    customer: Customer.byId("111"),
    status: "shipped",
    createdAt: Time("2099-06-25T12:14:29.770Z"),
    items: [
      { product: Product.byId("114"), quantity: 2 },
      { product: Product.byId("117"), quantity: 1 }
    ],
    payment: { method: "card" }
  }),
  Order.create({
    id: "411",
    customer: Customer.byId("111"),
    status: "cart",
    createdAt: Time("2099-06-26T09:00:00.000Z"),
    items: [{ product: Product.byId("112"), quantity: 1 }],
    payment: {}
  }),
  Order.create({
    id: "412",
    customer: Customer.byId("222"),
    status: "processing",
    createdAt: Time("2099-06-27T16:30:00.000Z"),
    items: [
      { product: Product.byId("118"), quantity: 3 },
      { product: Product.byId("111"), quantity: 1 }
    ],
    payment: { method: "card" }
  })
]`,
    alreadyDone: docExists,
  },
];

/** The query a demo database opens with. */
export const DEMO_QUERY = `// Demo data: Category, Product, Customer (with credentials) and Order.
let order = Order.byId("410")!
{
  customer: order.customer!.name,
  status: order.status,
  first: order.items[0].product!.name
}
`;
